// Implements iris.membership.v1.Applications: gRPC <-> use cases, no rules.
#pragma once

#include "iris/membership/v1/applications.grpc.pb.h"
#include "services/membership/app/application_use_cases.hpp"

namespace iris::membership::rpc {

class ApplicationGrpc final : public v1::Applications::Service {
 public:
  explicit ApplicationGrpc(app::ApplicationUseCases& applications) : applications_(applications) {}

  ::grpc::Status SubmitApplication(::grpc::ServerContext* ctx,
                                   const v1::SubmitApplicationRequest* req,
                                   v1::SubmittedApplication* out) override;
  ::grpc::Status GetApplicationStatus(::grpc::ServerContext* ctx,
                                      const v1::GetApplicationStatusRequest* req,
                                      v1::MembershipApplication* out) override;
  ::grpc::Status GetApplication(::grpc::ServerContext* ctx, const v1::GetApplicationRequest* req,
                                v1::MembershipApplication* out) override;
  ::grpc::Status ListApplications(::grpc::ServerContext* ctx,
                                  const v1::ListApplicationsRequest* req,
                                  v1::ListApplicationsResponse* out) override;
  ::grpc::Status ApproveApplication(::grpc::ServerContext* ctx,
                                    const v1::ApplicationDecisionRequest* req,
                                    v1::MembershipApplication* out) override;
  ::grpc::Status RejectApplication(::grpc::ServerContext* ctx,
                                   const v1::ApplicationDecisionRequest* req,
                                   v1::MembershipApplication* out) override;

 private:
  app::ApplicationUseCases& applications_;
};

}  // namespace iris::membership::rpc
