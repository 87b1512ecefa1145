// Implements iris.membership.v1.SocialServices: gRPC <-> use cases, no rules.
#pragma once

#include "iris/membership/v1/social_services.grpc.pb.h"
#include "services/membership/app/social_service_use_cases.hpp"

namespace iris::membership::rpc {

class SocialServiceGrpc final : public v1::SocialServices::Service {
 public:
  explicit SocialServiceGrpc(app::SocialServiceUseCases& services) : services_(services) {}

  ::grpc::Status CreateSocialService(::grpc::ServerContext* ctx,
                                     const v1::CreateSocialServiceRequest* req,
                                     v1::SocialService* out) override;
  ::grpc::Status GetSocialService(::grpc::ServerContext* ctx,
                                  const v1::GetSocialServiceRequest* req,
                                  v1::SocialService* out) override;
  ::grpc::Status UpdateSocialService(::grpc::ServerContext* ctx,
                                     const v1::UpdateSocialServiceRequest* req,
                                     v1::SocialService* out) override;
  ::grpc::Status DeleteSocialService(::grpc::ServerContext* ctx,
                                     const v1::DeleteSocialServiceRequest* req,
                                     v1::DeleteSocialServiceResponse* out) override;
  ::grpc::Status ListSocialServices(::grpc::ServerContext* ctx,
                                    const v1::ListSocialServicesRequest* req,
                                    v1::ListSocialServicesResponse* out) override;
  ::grpc::Status ListServiceCategories(::grpc::ServerContext* ctx,
                                       const v1::ListServiceCategoriesRequest* req,
                                       v1::ListServiceCategoriesResponse* out) override;

 private:
  app::SocialServiceUseCases& services_;
};

}  // namespace iris::membership::rpc
