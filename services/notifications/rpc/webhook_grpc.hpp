// Implements iris.notifications.v1.Webhooks: gRPC <-> use cases, no rules.
#pragma once

#include "iris/notifications/v1/webhooks.grpc.pb.h"
#include "services/notifications/app/webhook_use_cases.hpp"

namespace iris::notifications::rpc {

class WebhookGrpc final : public v1::Webhooks::Service {
 public:
  explicit WebhookGrpc(app::WebhookUseCases& webhooks) : webhooks_(webhooks) {}

  ::grpc::Status CreateEndpoint(::grpc::ServerContext* ctx, const v1::CreateEndpointRequest* req,
                                v1::WebhookEndpoint* out) override;
  ::grpc::Status GetEndpoint(::grpc::ServerContext* ctx, const v1::GetEndpointRequest* req,
                             v1::WebhookEndpoint* out) override;
  ::grpc::Status ListEndpoints(::grpc::ServerContext* ctx, const v1::ListEndpointsRequest* req,
                               v1::ListEndpointsResponse* out) override;
  ::grpc::Status UpdateEndpoint(::grpc::ServerContext* ctx, const v1::UpdateEndpointRequest* req,
                                v1::WebhookEndpoint* out) override;
  ::grpc::Status DeleteEndpoint(::grpc::ServerContext* ctx, const v1::DeleteEndpointRequest* req,
                                v1::DeleteEndpointResponse* out) override;
  ::grpc::Status RotateSecret(::grpc::ServerContext* ctx, const v1::RotateSecretRequest* req,
                              v1::WebhookEndpoint* out) override;
  ::grpc::Status ListDeliveries(::grpc::ServerContext* ctx, const v1::ListDeliveriesRequest* req,
                                v1::ListDeliveriesResponse* out) override;
  ::grpc::Status RetryDelivery(::grpc::ServerContext* ctx, const v1::RetryDeliveryRequest* req,
                               v1::WebhookDelivery* out) override;
  ::grpc::Status ReplayFailed(::grpc::ServerContext* ctx, const v1::ReplayFailedRequest* req,
                              v1::ReplayFailedResponse* out) override;

 private:
  app::WebhookUseCases& webhooks_;
};

}  // namespace iris::notifications::rpc
