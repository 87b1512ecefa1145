#include "services/membership/rpc/organization_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/pagination/keyset.hpp"
#include "libs/proto_values/proto_values.hpp"
#include "libs/status/status.hpp"
#include "services/membership/rpc/organization_mapping.hpp"

namespace iris::membership::rpc {

::grpc::Status OrganizationGrpc::CreateOrganization(::grpc::ServerContext* ctx,
                                                    const v1::CreateOrganizationRequest* req,
                                                    v1::Organization* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto org,
                          orgs_.Create(caller, PatchFromProto(req->organization(), req->fields())));
    ToProto(org, out);
    return absl::OkStatus();
  });
}

::grpc::Status OrganizationGrpc::GetOrganization(::grpc::ServerContext* ctx,
                                                 const v1::GetOrganizationRequest* req,
                                                 v1::Organization* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto org, orgs_.Get(caller, req->id()));
    ToProto(org, out);
    return absl::OkStatus();
  });
}

::grpc::Status OrganizationGrpc::UpdateOrganization(::grpc::ServerContext* ctx,
                                                    const v1::UpdateOrganizationRequest* req,
                                                    v1::Organization* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto org, orgs_.Update(caller, req->id(),
                                                 PatchFromProto(req->organization(), req->fields()),
                                                 req->expected_version()));
    ToProto(org, out);
    return absl::OkStatus();
  });
}

::grpc::Status OrganizationGrpc::ListOrganizations(::grpc::ServerContext* ctx,
                                                   const v1::ListOrganizationsRequest* req,
                                                   v1::ListOrganizationsResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    using proto_values::Strings;
    app::OrganizationListRequest list{Strings(req->country()),
                                      Strings(req->status()),
                                      Strings(req->kind()),
                                      Strings(req->target_group()),
                                      req->q(),
                                      proto_values::FromProto(req->page())};
    IRIS_ASSIGN_OR_RETURN(auto page, orgs_.List(caller, list));
    pagination::FillResponse(page, out, [](const auto& item, auto* m) { ToProto(item, m); });
    return absl::OkStatus();
  });
}

::grpc::Status OrganizationGrpc::ChangeStatus(::grpc::ServerContext* ctx,
                                              const v1::OrganizationActionRequest* req,
                                              domain::Verb verb, v1::Organization* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto org, orgs_.ChangeStatus(caller, req->id(), verb, req->note(),
                                                       req->expected_version()));
    ToProto(org, out);
    return absl::OkStatus();
  });
}

::grpc::Status OrganizationGrpc::SuspendOrganization(::grpc::ServerContext* ctx,
                                                     const v1::OrganizationActionRequest* req,
                                                     v1::Organization* out) {
  return ChangeStatus(ctx, req, domain::Verb::kSuspend, out);
}

::grpc::Status OrganizationGrpc::ReinstateOrganization(::grpc::ServerContext* ctx,
                                                       const v1::OrganizationActionRequest* req,
                                                       v1::Organization* out) {
  return ChangeStatus(ctx, req, domain::Verb::kReinstate, out);
}

::grpc::Status OrganizationGrpc::WithdrawOrganization(::grpc::ServerContext* ctx,
                                                      const v1::OrganizationActionRequest* req,
                                                      v1::Organization* out) {
  return ChangeStatus(ctx, req, domain::Verb::kWithdraw, out);
}

}  // namespace iris::membership::rpc
