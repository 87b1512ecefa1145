#include "services/membership/rpc/application_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/pagination/keyset.hpp"
#include "libs/proto_values/proto_values.hpp"
#include "libs/status/status.hpp"
#include "services/membership/rpc/application_mapping.hpp"

namespace iris::membership::rpc {

::grpc::Status ApplicationGrpc::SubmitApplication(::grpc::ServerContext* ctx,
                                                  const v1::SubmitApplicationRequest* req,
                                                  v1::SubmittedApplication* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    const auto submission = SubmissionFromProto(req->application(), req->fields());
    IRIS_ASSIGN_OR_RETURN(auto submitted, applications_.Submit(caller, submission));
    ToProto(submitted.application, out->mutable_application());
    out->set_status_token(submitted.status_token);
    return absl::OkStatus();
  });
}

// No caller identity: the token is the credential.
::grpc::Status ApplicationGrpc::GetApplicationStatus(::grpc::ServerContext* ctx,
                                                     const v1::GetApplicationStatusRequest* req,
                                                     v1::MembershipApplication* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto a, applications_.GetByStatusToken(req->status_token()));
    ToProto(a, out);
    return absl::OkStatus();
  });
}

::grpc::Status ApplicationGrpc::GetApplication(::grpc::ServerContext* ctx,
                                               const v1::GetApplicationRequest* req,
                                               v1::MembershipApplication* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto a, applications_.Get(caller, req->id()));
    ToProto(a, out);
    return absl::OkStatus();
  });
}

::grpc::Status ApplicationGrpc::ListApplications(::grpc::ServerContext* ctx,
                                                 const v1::ListApplicationsRequest* req,
                                                 v1::ListApplicationsResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    app::ApplicationListRequest list{proto_values::Strings(req->status()),
                                     proto_values::Strings(req->country()),
                                     proto_values::FromProto(req->page())};
    IRIS_ASSIGN_OR_RETURN(auto page, applications_.List(caller, list));
    pagination::FillResponse(page, out, [](const auto& item, auto* m) { ToProto(item, m); });
    return absl::OkStatus();
  });
}

::grpc::Status ApplicationGrpc::ApproveApplication(::grpc::ServerContext* ctx,
                                                   const v1::ApplicationDecisionRequest* req,
                                                   v1::MembershipApplication* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto a, applications_.Approve(caller, req->id(), req->note(), req->expected_version()));
    ToProto(a, out);
    return absl::OkStatus();
  });
}

::grpc::Status ApplicationGrpc::RejectApplication(::grpc::ServerContext* ctx,
                                                  const v1::ApplicationDecisionRequest* req,
                                                  v1::MembershipApplication* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto a, applications_.Reject(caller, req->id(), req->note(), req->expected_version()));
    ToProto(a, out);
    return absl::OkStatus();
  });
}

}  // namespace iris::membership::rpc
