#include "services/membership/rpc/organization_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/status/status.hpp"
#include "services/membership/rpc/organization_mapping.hpp"

namespace iris::membership::rpc {

::grpc::Status OrganizationsGrpc::CreateOrganization(::grpc::ServerContext* ctx,
                                                     const v1::CreateOrganizationRequest* req,
                                                     v1::Organization* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto org,
                          orgs_.Create(RequesterOf(iris::grpc::CallerOf(*ctx)),
                                       PatchFromProto(req->organization(), req->fields())));
    ToProto(org, out);
    return absl::OkStatus();
  });
}

::grpc::Status OrganizationsGrpc::GetOrganization(::grpc::ServerContext* ctx,
                                                  const v1::GetOrganizationRequest* req,
                                                  v1::Organization* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto org, orgs_.Get(RequesterOf(iris::grpc::CallerOf(*ctx)), req->id()));
    ToProto(org, out);
    return absl::OkStatus();
  });
}

::grpc::Status OrganizationsGrpc::UpdateOrganization(::grpc::ServerContext* ctx,
                                                     const v1::UpdateOrganizationRequest* req,
                                                     v1::Organization* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto org, orgs_.Update(RequesterOf(iris::grpc::CallerOf(*ctx)), req->id(),
                               PatchFromProto(req->organization(), req->fields()),
                               req->expected_version()));
    ToProto(org, out);
    return absl::OkStatus();
  });
}

::grpc::Status OrganizationsGrpc::ListOrganizations(::grpc::ServerContext* ctx,
                                                    const v1::ListOrganizationsRequest* req,
                                                    v1::ListOrganizationsResponse* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    app::OrganizationListRequest list{req->country(), req->status(), req->kind(),
                                      req->target_group(), req->q(), req->page().limit(),
                                      req->page().cursor()};
    IRIS_ASSIGN_OR_RETURN(auto page, orgs_.List(RequesterOf(iris::grpc::CallerOf(*ctx)), list));
    for (const auto& org : page.items) ToProto(org, out->add_items());
    out->mutable_page()->set_next_cursor(page.next_cursor);
    return absl::OkStatus();
  });
}

::grpc::Status OrganizationsGrpc::Act(::grpc::ServerContext* ctx,
                                      const v1::OrganizationActionRequest* req, domain::Verb verb,
                                      v1::Organization* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto org, orgs_.Act(RequesterOf(iris::grpc::CallerOf(*ctx)), req->id(),
                                              verb, req->note(), req->expected_version()));
    ToProto(org, out);
    return absl::OkStatus();
  });
}

::grpc::Status OrganizationsGrpc::SuspendOrganization(::grpc::ServerContext* ctx,
                                                      const v1::OrganizationActionRequest* req,
                                                      v1::Organization* out) {
  return Act(ctx, req, domain::Verb::kSuspend, out);
}

::grpc::Status OrganizationsGrpc::ReinstateOrganization(::grpc::ServerContext* ctx,
                                                        const v1::OrganizationActionRequest* req,
                                                        v1::Organization* out) {
  return Act(ctx, req, domain::Verb::kReinstate, out);
}

::grpc::Status OrganizationsGrpc::WithdrawOrganization(::grpc::ServerContext* ctx,
                                                       const v1::OrganizationActionRequest* req,
                                                       v1::Organization* out) {
  return Act(ctx, req, domain::Verb::kWithdraw, out);
}

}  // namespace iris::membership::rpc
