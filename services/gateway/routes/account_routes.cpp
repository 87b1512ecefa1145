// Accounts: sign-in (POST /v1/auth/token), the caller's own account, users, API keys.
#include "iris/membership/v1/accounts.grpc.pb.h"
#include "libs/status/status.hpp"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/routes/upstream_call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::membership::v1;

// The list GET /v1/users's cursors are signed for (rest::PageRequestOf).
constexpr std::string_view kUsersCursorScope = "users";
using Stub = v1::Accounts::Stub;

Reply& WithQuota(Reply& reply, const LoginQuota& q) {
  reply.WithHeader("RateLimit-Limit", std::to_string(q.limit))
      .WithHeader("RateLimit-Remaining", std::to_string(q.remaining))
      .WithHeader("RateLimit-Reset", std::to_string(q.reset_seconds));
  return reply;
}

// By hand rather than rest::BodyInto: both fields are required and must not be empty, which
// the JSON mapping does not check.
absl::StatusOr<v1::AuthenticateRequest> TokenRequest(const nlohmann::json& body) {
  iris::status::Validator v;
  v1::AuthenticateRequest req;
  if (!body.is_object())
    return iris::status::Invalid("body", "must be a JSON object {email, password}");
  for (const char* field : {"email", "password"}) {
    auto it = body.find(field);
    if (it == body.end() || !it->is_string() || it->get<std::string>().empty()) {
      v.Add(field, "is required (a string)");
    }
  }
  for (const auto& [name, value] : body.items()) {
    if (name != "email" && name != "password") v.Add(name, "is not a field of this request");
  }
  IRIS_RETURN_IF_ERROR(v.Finish());
  req.set_email(body["email"].get<std::string>());
  req.set_password(body["password"].get<std::string>());
  return req;
}

absl::StatusOr<Reply> IssueToken(RequestContext& r, Upstream& c, const Jwt* jwt,
                                 LoginLimiter* limiter) {
  if (jwt == nullptr || limiter == nullptr) {
    return absl::UnavailableError("sign-in is not configured on this gateway");
  }
  IRIS_ASSIGN_OR_RETURN(auto req, TokenRequest(*r.json_body));
  const std::string& ip = r.http.remote_address;
  // The attempt is counted before the password is checked (see LoginLimiter) and given back
  // unless the check failed.
  const LoginQuota reserved = limiter->Reserve(req.email(), ip);
  if (reserved.limited) {
    Reply reply =
        rest::Problem(iris::status::WithDetail(
                          absl::ResourceExhaustedError("too many failed sign-ins; try again later"),
                          "rate_limited"),
                      r);
    reply.WithHeader("Retry-After", std::to_string(reserved.reset_seconds));
    return WithQuota(reply, reserved);
  }
  auto principal = Call(c, &Stub::Authenticate, r, req);
  if (principal.status().code() == absl::StatusCode::kUnauthenticated) {
    Reply reply = rest::Problem(principal.status(), r);
    return WithQuota(reply, reserved);
  }
  const LoginQuota after = limiter->Release(req.email(), ip);
  IRIS_RETURN_IF_ERROR(principal.status());
  JwtClaims claims;
  claims.subject = principal->user_id();
  claims.role = principal->role();
  claims.organization_id = principal->organization_id();
  claims.country = principal->country();
  Reply reply = Reply::Json(200, nlohmann::json{{"access_token", jwt->Sign(claims)},
                                                {"token_type", "Bearer"},
                                                {"expires_in", jwt->ttl().count()}});
  reply.WithHeader("Cache-Control", "no-store");
  return WithQuota(reply, after);
}

}  // namespace

std::vector<Route> AccountRoutes(Upstream& c, const Jwt* jwt, LoginLimiter* limiter,
                                 const pagination::CursorCodec& cursors) {
  std::vector<Route> routes;
  routes.push_back(
      {Method::kPost, "/v1/auth/token", Access::kPublic, Body::kJson,
       [&c, jwt, limiter](RequestContext& r) { return IssueToken(r, c, jwt, limiter); }});
  routes.push_back({Method::kGet, "/v1/me", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetUserRequest req;
                      req.set_id(r.caller.subject);
                      IRIS_ASSIGN_OR_RETURN(auto user, Call(c, &Stub::GetUser, r, req));
                      // The caller's own account: no shared cache may keep it.
                      return rest::Resource(user, user.version())
                          .WithHeader("Cache-Control", "private, no-cache");
                    }});
  routes.push_back({Method::kPost, "/v1/users", Access::kNetworkAdmin, Body::kJson,
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
                      return rest::Resource(user, user.version())
                          .WithHeader("Cache-Control", "private, no-cache");
                    }});
  routes.push_back({Method::kGet, "/v1/users", Access::kNetworkAdmin, Body::kNone,
                    [&c, &cursors](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListUsersRequest req;
                      IRIS_ASSIGN_OR_RETURN(*req.mutable_page(),
                                            rest::PageRequestOf(r, cursors, kUsersCursorScope));
                      req.set_role(rest::Query(r, "role"));
                      req.set_country(rest::Query(r, "country"));
                      req.set_organization_id(rest::Query(r, "organization_id"));
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListUsers, r, req));
                      return rest::ListReply(out, cursors, kUsersCursorScope)
                          .WithHeader("Cache-Control", "private, no-cache");
                    }});
  routes.back().query = rest::ListQuery({"role", "country", "organization_id"});
  routes.push_back({Method::kGet, "/v1/api-keys", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      IRIS_ASSIGN_OR_RETURN(
                          auto out, Call(c, &Stub::ListApiKeys, r, v1::ListApiKeysRequest{}));
                      return rest::UnpagedList(out, "private, no-cache");
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
