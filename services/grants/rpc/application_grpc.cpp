#include "services/grants/rpc/application_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/pagination/keyset.hpp"
#include "libs/proto_values/proto_values.hpp"
#include "libs/status/status.hpp"
#include "services/grants/rpc/application_mapping.hpp"

namespace iris::grants::rpc {

namespace {

// The answer of a use case returning one application.
template <typename F>
::grpc::Status AnswerApplication(::grpc::ServerContext* ctx, v1::GrantApplication* out, F&& act) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto a, act(caller));
    ToProto(a, out);
    return absl::OkStatus();
  });
}

}  // namespace

::grpc::Status ApplicationGrpc::CreateApplication(::grpc::ServerContext* ctx,
                                                  const v1::CreateApplicationRequest* req,
                                                  v1::GrantApplication* out) {
  return AnswerApplication(ctx, out, [&](const identity::Caller& caller) {
    return applications_.Create(caller, req->call_id(),
                                ApplicationPatchFromProto(req->application(), req->fields()));
  });
}

::grpc::Status ApplicationGrpc::GetApplication(::grpc::ServerContext* ctx,
                                               const v1::GetApplicationRequest* req,
                                               v1::GrantApplication* out) {
  return AnswerApplication(ctx, out, [&](const identity::Caller& caller) {
    return applications_.Get(caller, req->id());
  });
}

::grpc::Status ApplicationGrpc::UpdateApplication(::grpc::ServerContext* ctx,
                                                  const v1::UpdateApplicationRequest* req,
                                                  v1::GrantApplication* out) {
  return AnswerApplication(ctx, out, [&](const identity::Caller& caller) {
    return applications_.Update(caller, req->id(),
                                ApplicationPatchFromProto(req->application(), req->fields()),
                                req->expected_version());
  });
}

::grpc::Status ApplicationGrpc::ListApplications(::grpc::ServerContext* ctx,
                                                 const v1::ListApplicationsRequest* req,
                                                 v1::ListApplicationsResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    app::ApplicationListRequest list{req->call_id(), proto_values::Strings(req->status()),
                                     proto_values::Strings(req->country()),
                                     proto_values::FromProto(req->page())};
    IRIS_ASSIGN_OR_RETURN(auto page, applications_.List(caller, list));
    pagination::FillResponse(page, out, [](const auto& item, auto* m) { ToProto(item, m); });
    return absl::OkStatus();
  });
}

::grpc::Status ApplicationGrpc::SubmitApplication(::grpc::ServerContext* ctx,
                                                  const v1::ApplicationActionRequest* req,
                                                  v1::GrantApplication* out) {
  return AnswerApplication(ctx, out, [&](const identity::Caller& caller) {
    return applications_.Submit(caller, req->id(), req->expected_version());
  });
}

::grpc::Status ApplicationGrpc::WithdrawApplication(::grpc::ServerContext* ctx,
                                                    const v1::ApplicationActionRequest* req,
                                                    v1::GrantApplication* out) {
  return AnswerApplication(ctx, out, [&](const identity::Caller& caller) {
    return applications_.Withdraw(caller, req->id(), req->note(), req->expected_version());
  });
}

::grpc::Status ApplicationGrpc::RejectApplication(::grpc::ServerContext* ctx,
                                                  const v1::ApplicationActionRequest* req,
                                                  v1::GrantApplication* out) {
  return AnswerApplication(ctx, out, [&](const identity::Caller& caller) {
    return applications_.Reject(caller, req->id(), req->note(), req->expected_version());
  });
}

::grpc::Status ApplicationGrpc::AssignReviewer(::grpc::ServerContext* ctx,
                                               const v1::AssignReviewerRequest* req,
                                               v1::ReviewerAssignment* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto a, reviews_.AssignReviewer(caller, req->application_id(), req->reviewer_id()));
    ToProto(a, out);
    return absl::OkStatus();
  });
}

::grpc::Status ApplicationGrpc::ListReviewers(::grpc::ServerContext* ctx,
                                              const v1::ListReviewersRequest* req,
                                              v1::ListReviewersResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto items, reviews_.ListReviewers(caller, req->application_id()));
    for (const auto& a : items) ToProto(a, out->add_items());
    return absl::OkStatus();
  });
}

::grpc::Status ApplicationGrpc::CreateReview(::grpc::ServerContext* ctx,
                                             const v1::CreateReviewRequest* req, v1::Review* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto r, reviews_.CreateReview(caller, req->application_id(),
                                      ReviewSubmissionFromProto(req->review(), req->fields())));
    ToProto(r, out);
    return absl::OkStatus();
  });
}

::grpc::Status ApplicationGrpc::ListReviews(::grpc::ServerContext* ctx,
                                            const v1::ListReviewsRequest* req,
                                            v1::ListReviewsResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto items, reviews_.ListReviews(caller, req->application_id()));
    for (const auto& r : items) ToProto(r, out->add_items());
    return absl::OkStatus();
  });
}

::grpc::Status ApplicationGrpc::GetRanking(::grpc::ServerContext* ctx,
                                           const v1::GetRankingRequest* req, v1::Ranking* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto items, reviews_.Ranking(caller, req->call_id()));
    for (const auto& r : items) ToProto(r, out->add_items());
    return absl::OkStatus();
  });
}

}  // namespace iris::grants::rpc
