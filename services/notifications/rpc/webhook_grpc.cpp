#include "services/notifications/rpc/webhook_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/pagination/keyset.hpp"
#include "libs/proto_values/proto_values.hpp"
#include "libs/status/status.hpp"
#include "services/notifications/rpc/webhook_mapping.hpp"

namespace iris::notifications::rpc {
namespace {

// The answer of a call returning one resource: `act()` gives it, ToProto fills `out`.
template <typename Out, typename Act>
::grpc::Status One(::grpc::ServerContext* ctx, Out* out, Act&& act) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto item, act(caller));
    ToProto(item, out);
    return absl::OkStatus();
  });
}

}  // namespace

::grpc::Status WebhookGrpc::CreateEndpoint(::grpc::ServerContext* ctx,
                                           const v1::CreateEndpointRequest* req,
                                           v1::WebhookEndpoint* out) {
  return One(ctx, out, [&](const identity::Caller& caller) {
    return webhooks_.Create(caller, EndpointInputFromProto(req->url(), req->topics(),
                                                           req->description(), true, nullptr));
  });
}

::grpc::Status WebhookGrpc::GetEndpoint(::grpc::ServerContext* ctx,
                                        const v1::GetEndpointRequest* req,
                                        v1::WebhookEndpoint* out) {
  return One(ctx, out,
             [&](const identity::Caller& caller) { return webhooks_.Get(caller, req->id()); });
}

::grpc::Status WebhookGrpc::ListEndpoints(::grpc::ServerContext* ctx,
                                          const v1::ListEndpointsRequest* req,
                                          v1::ListEndpointsResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto page, webhooks_.List(caller, proto_values::FromProto(req->page())));
    pagination::FillResponse(page, out, [](const auto& item, auto* m) { ToProto(item, m); });
    return absl::OkStatus();
  });
}

::grpc::Status WebhookGrpc::UpdateEndpoint(::grpc::ServerContext* ctx,
                                           const v1::UpdateEndpointRequest* req,
                                           v1::WebhookEndpoint* out) {
  return One(ctx, out, [&](const identity::Caller& caller) {
    return webhooks_.Update(caller, req->id(),
                            EndpointInputFromProto(req->url(), req->topics(), req->description(),
                                                   req->active(), &req->fields()),
                            req->expected_version());
  });
}

::grpc::Status WebhookGrpc::DeleteEndpoint(::grpc::ServerContext* ctx,
                                           const v1::DeleteEndpointRequest* req,
                                           v1::DeleteEndpointResponse*) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    return webhooks_.Delete(caller, req->id(), req->expected_version());
  });
}

::grpc::Status WebhookGrpc::RotateSecret(::grpc::ServerContext* ctx,
                                         const v1::RotateSecretRequest* req,
                                         v1::WebhookEndpoint* out) {
  return One(ctx, out, [&](const identity::Caller& caller) {
    return webhooks_.RotateSecret(caller, req->id(), req->expected_version());
  });
}

::grpc::Status WebhookGrpc::ListDeliveries(::grpc::ServerContext* ctx,
                                           const v1::ListDeliveriesRequest* req,
                                           v1::ListDeliveriesResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto page,
        webhooks_.ListDeliveries(caller, req->endpoint_id(), DeliveryStatusWord(req->status()),
                                 proto_values::FromProto(req->page())));
    pagination::FillResponse(page, out, [](const auto& item, auto* m) { ToProto(item, m); });
    return absl::OkStatus();
  });
}

::grpc::Status WebhookGrpc::RetryDelivery(::grpc::ServerContext* ctx,
                                          const v1::RetryDeliveryRequest* req,
                                          v1::WebhookDelivery* out) {
  return One(ctx, out, [&](const identity::Caller& caller) {
    return webhooks_.RetryDelivery(caller, req->id());
  });
}

::grpc::Status WebhookGrpc::ReplayFailed(::grpc::ServerContext* ctx,
                                         const v1::ReplayFailedRequest* req,
                                         v1::ReplayFailedResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    std::optional<values::Time> since;
    if (req->has_since()) since = proto_values::FromProto(req->since());
    IRIS_ASSIGN_OR_RETURN(int n, webhooks_.ReplayFailed(caller, req->endpoint_id(), since));
    out->set_replayed(n);
    return absl::OkStatus();
  });
}

}  // namespace iris::notifications::rpc
