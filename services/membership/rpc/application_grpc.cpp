#include "services/membership/rpc/application_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/status/status.hpp"
#include "services/membership/rpc/application_mapping.hpp"
#include "services/membership/rpc/organization_mapping.hpp"

namespace iris::membership::rpc {

::grpc::Status ApplicationsGrpc::SubmitApplication(::grpc::ServerContext* ctx,
                                                   const v1::SubmitApplicationRequest* req,
                                                   v1::MembershipApplication* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto a, applications_.Submit(RequesterOf(iris::grpc::CallerOf(*ctx)),
                                     SubmissionFromProto(req->application(), req->fields())));
    ToProto(a, out);
    return absl::OkStatus();
  });
}

::grpc::Status ApplicationsGrpc::GetApplication(::grpc::ServerContext* ctx,
                                                const v1::GetApplicationRequest* req,
                                                v1::MembershipApplication* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto a,
                          applications_.Get(RequesterOf(iris::grpc::CallerOf(*ctx)), req->id()));
    ToProto(a, out);
    return absl::OkStatus();
  });
}

::grpc::Status ApplicationsGrpc::ListApplications(::grpc::ServerContext* ctx,
                                                  const v1::ListApplicationsRequest* req,
                                                  v1::ListApplicationsResponse* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    app::ApplicationListRequest list{req->status(), req->country(), req->page().limit(),
                                     req->page().cursor()};
    IRIS_ASSIGN_OR_RETURN(auto page,
                          applications_.List(RequesterOf(iris::grpc::CallerOf(*ctx)), list));
    for (const auto& a : page.items) ToProto(a, out->add_items());
    out->mutable_page()->set_next_cursor(page.next_cursor);
    return absl::OkStatus();
  });
}

::grpc::Status ApplicationsGrpc::ApproveApplication(::grpc::ServerContext* ctx,
                                                    const v1::ApplicationDecisionRequest* req,
                                                    v1::MembershipApplication* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto a, applications_.Approve(RequesterOf(iris::grpc::CallerOf(*ctx)),
                                                        req->id(), req->note(),
                                                        req->expected_version()));
    ToProto(a, out);
    return absl::OkStatus();
  });
}

::grpc::Status ApplicationsGrpc::RejectApplication(::grpc::ServerContext* ctx,
                                                   const v1::ApplicationDecisionRequest* req,
                                                   v1::MembershipApplication* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto a, applications_.Reject(RequesterOf(iris::grpc::CallerOf(*ctx)),
                                                       req->id(), req->note(),
                                                       req->expected_version()));
    ToProto(a, out);
    return absl::OkStatus();
  });
}

}  // namespace iris::membership::rpc
