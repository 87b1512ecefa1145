// Accounts: the caller's own account, users, API keys (sign-in is session_routes.cpp).
#include "iris/membership/v1/accounts.grpc.pb.h"
#include "libs/status/status.hpp"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/routes/upstream_call.hpp"
#include "services/gateway/routes/verb_call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::membership::v1;

// The list GET /v1/users's cursors are signed for (rest::PageRequestOf).
constexpr std::string_view kUsersCursorScope = "users";
using Stub = v1::Accounts::Stub;

}  // namespace

std::vector<Route> AccountRoutes(Upstream& c, const pagination::CursorCodec& cursors) {
  std::vector<Route> routes;
  routes.push_back(
      {Method::kGet, "/v1/me", Access::kAuthenticated, Body::kNone,
       [&c](RequestContext& r) -> absl::StatusOr<Reply> {
         v1::GetUserRequest req;
         req.set_id(r.caller.subject);
         IRIS_ASSIGN_OR_RETURN(auto user, Call(c, &Stub::GetUser, r, req));
         // The caller's own account: no shared cache may keep it.
         return rest::Resource(user, user.version()).WithHeader("Cache-Control", "no-store");
       }});
  // Coordinators create member accounts of their country's organisations (membership decides).
  routes.push_back({Method::kPost, "/v1/users", Access::kStaff, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::CreateUserRequest req;
                      IRIS_RETURN_IF_ERROR(rest::BodyInto(r, &req, nullptr));
                      IRIS_ASSIGN_OR_RETURN(auto user, Call(c, &Stub::CreateUser, r, req));
                      return rest::Created(user, user.version(), "/v1/users/" + user.id());
                    }});
  // Where POST /v1/users's Location points: the caller's own account, or any for a network
  // admin (membership answers 404 otherwise).
  routes.push_back({Method::kGet, "/v1/users/{id}", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetUserRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto user, Call(c, &Stub::GetUser, r, req));
                      return rest::Resource(user, user.version());
                    }});
  routes.push_back({Method::kGet, "/v1/users", Access::kNetworkAdmin, Body::kNone,
                    [&c, &cursors](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListUsersRequest req;
                      IRIS_ASSIGN_OR_RETURN(*req.mutable_page(),
                                            rest::PageRequestOf(r, cursors, kUsersCursorScope));
                      rest::QueryInto(r, "role", req.mutable_role());
                      rest::QueryInto(r, "country", req.mutable_country());
                      rest::QueryInto(r, "organization_id", req.mutable_organization_id());
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListUsers, r, req));
                      // Cache-Control: the chain's no-store for signed-in callers.
                      return rest::ListReply(out, req.page(), cursors, kUsersCursorScope);
                    }});
  routes.back().query = rest::ListQuery({"role", "country", "organization_id"});
  routes.back().repeatable = {"role", "country", "organization_id"};
  routes.push_back(
      VerbCall("/v1/users/{id}", "disable", Access::kNetworkAdmin, c, &Stub::DisableUser));
  routes.push_back(
      VerbCall("/v1/users/{id}", "enable", Access::kNetworkAdmin, c, &Stub::EnableUser));
  routes.push_back({Method::kGet, "/v1/api-keys", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      IRIS_ASSIGN_OR_RETURN(
                          auto out, Call(c, &Stub::ListApiKeys, r, v1::ListApiKeysRequest{}));
                      return rest::UnpagedList(out, "no-store");
                    }});
  routes.push_back({Method::kPost, "/v1/api-keys", Access::kAuthenticated, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::CreateApiKeyRequest req;
                      IRIS_RETURN_IF_ERROR(rest::BodyInto(r, &req, nullptr));
                      IRIS_ASSIGN_OR_RETURN(auto key, Call(c, &Stub::CreateApiKey, r, req));
                      // The response holds the secret, shown once: nothing may store it.
                      return rest::Created(key, "/v1/api-keys/" + key.id())
                          .WithHeader("Cache-Control", "no-store");
                    }});
  routes.back().idempotency_keys = false;  // the secret is never stored
  routes.push_back({Method::kDelete, "/v1/api-keys/{id}", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::RevokeApiKeyRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_RETURN_IF_ERROR(Call(c, &Stub::RevokeApiKey, r, req).status());
                      return rest::NoContent();
                    }});
  return routes;
}

}  // namespace iris::gateway
