// Webhooks (Standard Webhooks): partners' endpoints, their deliveries, retries and replays
// (notifications.v1.Webhooks). Every route needs the API key scope webhooks:manage; who may
// see which endpoint is the service's rule.
#include "iris/notifications/v1/webhooks.grpc.pb.h"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/routes/upstream_call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::notifications::v1;
using Stub = v1::Webhooks::Stub;

// The lists their cursors are signed for.
constexpr std::string_view kEndpointCursors = "webhooks";
constexpr std::string_view kDeliveryCursors = "webhook_deliveries";
constexpr const char* kScope = "webhooks:manage";

absl::StatusOr<v1::DeliveryStatus> StatusFilter(const RequestContext& r) {
  const std::string s = rest::Query(r, "status");
  if (s.empty()) return v1::DELIVERY_STATUS_UNSPECIFIED;
  if (s == "pending") return v1::DELIVERY_STATUS_PENDING;
  if (s == "succeeded") return v1::DELIVERY_STATUS_SUCCEEDED;
  if (s == "failed") return v1::DELIVERY_STATUS_FAILED;
  return status::Malformed("status", "must be one of pending, succeeded, failed");
}

}  // namespace

std::vector<Route> WebhookRoutes(Upstream& c, const pagination::CursorCodec& cursors) {
  std::vector<Route> routes;
  routes.push_back({Method::kGet, "/v1/webhooks", Access::kAuthenticated, Body::kNone,
                    [&c, &cursors](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListEndpointsRequest req;
                      IRIS_ASSIGN_OR_RETURN(*req.mutable_page(),
                                            rest::PageRequestOf(r, cursors, kEndpointCursors));
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListEndpoints, r, req));
                      return rest::ListReply(out, req.page(), cursors, kEndpointCursors);
                    }});
  routes.back().query = rest::ListQuery();
  // The answer carries the secret: never kept for an Idempotency-Key replay.
  routes.push_back({Method::kPost, "/v1/webhooks", Access::kAuthenticated, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::CreateEndpointRequest req;
                      google::protobuf::FieldMask sent;
                      IRIS_RETURN_IF_ERROR(rest::BodyInto(r, &req, &sent));
                      IRIS_ASSIGN_OR_RETURN(auto e, Call(c, &Stub::CreateEndpoint, r, req));
                      return rest::Created(e, e.version(), "/v1/webhooks/" + e.id());
                    }});
  routes.back().idempotency_keys = false;
  routes.push_back({Method::kGet, "/v1/webhooks/{id}", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetEndpointRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto e, Call(c, &Stub::GetEndpoint, r, req));
                      return rest::Resource(e, e.version());
                    }});
  routes.push_back({Method::kPatch, "/v1/webhooks/{id}", Access::kAuthenticated, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      // Read as the resource: its read-only fields (id, secret, ...) are
                      // then named in `fields`, and the service refuses them by name.
                      v1::WebhookEndpoint sent;
                      v1::UpdateEndpointRequest req;
                      IRIS_RETURN_IF_ERROR(rest::BodyInto(r, &sent, req.mutable_fields()));
                      req.set_url(sent.url());
                      *req.mutable_topics() = sent.topics();
                      req.set_description(sent.description());
                      req.set_active(sent.active());
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(int64_t expected, rest::ExpectedVersion(r));
                      req.set_expected_version(expected);
                      IRIS_ASSIGN_OR_RETURN(auto e, Call(c, &Stub::UpdateEndpoint, r, req));
                      return rest::Resource(e, e.version());
                    }});
  routes.push_back({Method::kDelete, "/v1/webhooks/{id}", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::DeleteEndpointRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(int64_t expected, rest::ExpectedVersion(r));
                      req.set_expected_version(expected);
                      IRIS_RETURN_IF_ERROR(Call(c, &Stub::DeleteEndpoint, r, req).status());
                      return rest::NoContent();
                    }});
  routes.push_back({Method::kPost, "/v1/webhooks/{id}/rotate-secret", Access::kAuthenticated,
                    Body::kNone, [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::RotateSecretRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(int64_t expected, rest::ExpectedVersion(r));
                      req.set_expected_version(expected);
                      IRIS_ASSIGN_OR_RETURN(auto e, Call(c, &Stub::RotateSecret, r, req));
                      return rest::Resource(e, e.version());
                    }});
  routes.back().idempotency_keys = false;
  routes.push_back({Method::kGet, "/v1/webhooks/{id}/deliveries", Access::kAuthenticated,
                    Body::kNone, [&c, &cursors](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListDeliveriesRequest req;
                      req.set_endpoint_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(*req.mutable_page(),
                                            rest::PageRequestOf(r, cursors, kDeliveryCursors));
                      IRIS_ASSIGN_OR_RETURN(auto status, StatusFilter(r));
                      req.set_status(status);
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListDeliveries, r, req));
                      return rest::ListReply(out, req.page(), cursors, kDeliveryCursors);
                    }});
  routes.back().query = rest::ListQuery({"status"});
  routes.push_back({Method::kPost, "/v1/webhook-deliveries/{id}/retry", Access::kAuthenticated,
                    Body::kNone, [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::RetryDeliveryRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto d, Call(c, &Stub::RetryDelivery, r, req));
                      return Reply::Json(200, d);
                    }});
  routes.push_back({Method::kPost, "/v1/webhooks/{id}/replay", Access::kAuthenticated, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ReplayFailedRequest req;
                      google::protobuf::FieldMask sent;
                      IRIS_RETURN_IF_ERROR(rest::BodyInto(r, &req, &sent));
                      req.set_endpoint_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ReplayFailed, r, req));
                      return Reply::Json(200, out);
                    }});
  for (auto& route : routes) route.scope = kScope;
  return routes;
}

}  // namespace iris::gateway
