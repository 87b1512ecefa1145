// Implements iris.membership.v1.Organizations: gRPC <-> use cases, no rules.
#pragma once

#include "iris/membership/v1/organizations.grpc.pb.h"
#include "services/membership/app/organization_use_cases.hpp"

namespace iris::membership::rpc {

class OrganizationGrpc final : public v1::Organizations::Service {
 public:
  explicit OrganizationGrpc(app::OrganizationUseCases& orgs) : orgs_(orgs) {}

  ::grpc::Status CreateOrganization(::grpc::ServerContext* ctx,
                                    const v1::CreateOrganizationRequest* req,
                                    v1::Organization* out) override;
  ::grpc::Status GetOrganization(::grpc::ServerContext* ctx, const v1::GetOrganizationRequest* req,
                                 v1::Organization* out) override;
  ::grpc::Status UpdateOrganization(::grpc::ServerContext* ctx,
                                    const v1::UpdateOrganizationRequest* req,
                                    v1::Organization* out) override;
  ::grpc::Status ListOrganizations(::grpc::ServerContext* ctx,
                                   const v1::ListOrganizationsRequest* req,
                                   v1::ListOrganizationsResponse* out) override;
  ::grpc::Status SuspendOrganization(::grpc::ServerContext* ctx,
                                     const v1::OrganizationActionRequest* req,
                                     v1::Organization* out) override;
  ::grpc::Status ReinstateOrganization(::grpc::ServerContext* ctx,
                                       const v1::OrganizationActionRequest* req,
                                       v1::Organization* out) override;
  ::grpc::Status WithdrawOrganization(::grpc::ServerContext* ctx,
                                      const v1::OrganizationActionRequest* req,
                                      v1::Organization* out) override;

 private:
  // Suspend, Reinstate and Withdraw differ only in the verb they apply.
  ::grpc::Status ChangeStatus(::grpc::ServerContext* ctx, const v1::OrganizationActionRequest* req,
                              domain::Verb verb, v1::Organization* out);

  app::OrganizationUseCases& orgs_;
};

}  // namespace iris::membership::rpc
