// Accounts: sign-in (POST /v1/auth/token), the caller's own account, users, API keys.
#include "libs/json/proto_json.hpp"
#include "libs/status/problem.hpp"
#include "libs/status/status.hpp"
#include "services/gateway/clients/call.hpp"
#include "services/gateway/routes/route_table.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::membership::v1;
using Stub = v1::Accounts::Stub;

Reply& WithQuota(Reply& reply, const LoginQuota& q) {
  reply.WithHeader("RateLimit-Limit", std::to_string(q.limit))
      .WithHeader("RateLimit-Remaining", std::to_string(q.remaining))
      .WithHeader("RateLimit-Reset", std::to_string(q.reset_seconds));
  return reply;
}

Reply ProblemReply(const absl::Status& status, const RequestContext& r) {
  const auto problem = iris::status::ProblemFor(status, r.request_id);
  return Reply::Raw(problem.http_status, "application/problem+json", problem.body);
}

absl::StatusOr<v1::AuthenticateRequest> TokenRequest(const nlohmann::json& body) {
  iris::status::Validator v;
  v1::AuthenticateRequest req;
  if (!body.is_object()) return iris::status::Invalid("", "must be an object {email, password}");
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

absl::StatusOr<Reply> IssueToken(RequestContext& r, MembershipClient& c, const Jwt* jwt,
                                 LoginLimiter* limiter) {
  if (jwt == nullptr || limiter == nullptr) {
    return absl::UnavailableError("sign-in is not configured on this gateway");
  }
  IRIS_ASSIGN_OR_RETURN(auto req, TokenRequest(*r.json_body));
  const std::string& ip = r.http.remote_address;
  const LoginQuota before = limiter->Check(req.email(), ip);
  if (before.limited) {
    Reply reply =
        ProblemReply(iris::status::WithDetail(
                         absl::ResourceExhaustedError("too many failed sign-ins; try again later"),
                         "rate_limited"),
                     r);
    reply.WithHeader("Retry-After", std::to_string(before.reset_seconds));
    return WithQuota(reply, before);
  }
  auto principal = CallUnary(c.accounts(), &Stub::Authenticate, r, req, c.deadline(), "membership");
  if (principal.status().code() == absl::StatusCode::kUnauthenticated) {
    const LoginQuota after = limiter->RecordFailure(req.email(), ip);
    Reply reply = ProblemReply(principal.status(), r);
    return WithQuota(reply, after);
  }
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
  return WithQuota(reply, before);
}

nlohmann::json UserJson(const v1::User& u) {
  auto doc = iris::json::ToJson(u);
  if (!u.has_organization_id()) doc["organization_id"] = nullptr;
  if (!u.has_country()) doc["country"] = nullptr;
  return doc;
}

}  // namespace

std::vector<Route> AccountRoutes(MembershipClient& c, const Jwt* jwt, LoginLimiter* limiter) {
  std::vector<Route> routes;
  routes.push_back(
      {Method::kPost, "/v1/auth/token", Access::kPublic, Body::kJson,
       [&c, jwt, limiter](RequestContext& r) { return IssueToken(r, c, jwt, limiter); }});
  routes.push_back({Method::kGet, "/v1/me", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetUserRequest req;
                      req.set_id(r.caller.subject);
                      IRIS_ASSIGN_OR_RETURN(auto user, CallUnary(c.accounts(), &Stub::GetUser, r,
                                                                 req, c.deadline(), "membership"));
                      return Reply::Json(200, UserJson(user))
                          .WithHeader("ETag", "\"" + std::to_string(user.version()) + "\"")
                          .WithHeader("Cache-Control", "private, no-cache");
                    }});
  routes.push_back({Method::kPost, "/v1/users", Access::kNetworkAdmin, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::CreateUserRequest req;
                      IRIS_RETURN_IF_ERROR(iris::json::FromJson(*r.json_body, &req));
                      IRIS_ASSIGN_OR_RETURN(auto user, CallUnary(c.accounts(), &Stub::CreateUser, r,
                                                                 req, c.deadline(), "membership"));
                      return Reply::Json(201, UserJson(user))
                          .WithHeader("Location", "/v1/users/" + user.id())
                          .WithHeader("ETag", "\"" + std::to_string(user.version()) + "\"");
                    }});
  routes.push_back({Method::kGet, "/v1/api-keys", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      IRIS_ASSIGN_OR_RETURN(auto out, CallUnary(c.accounts(), &Stub::ListApiKeys, r,
                                                                v1::ListApiKeysRequest{},
                                                                c.deadline(), "membership"));
                      auto doc = iris::json::ToJson(out);
                      if (!doc.contains("items")) doc["items"] = nlohmann::json::array();
                      doc["next_cursor"] = nullptr;
                      return Reply::Json(200, doc).WithHeader("Cache-Control", "private, no-cache");
                    }});
  routes.push_back({Method::kPost, "/v1/api-keys", Access::kAuthenticated, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::CreateApiKeyRequest req;
                      IRIS_RETURN_IF_ERROR(iris::json::FromJson(*r.json_body, &req));
                      IRIS_ASSIGN_OR_RETURN(auto key,
                                            CallUnary(c.accounts(), &Stub::CreateApiKey, r, req,
                                                      c.deadline(), "membership"));
                      return Reply::Json(201, key)
                          .WithHeader("Location", "/v1/api-keys/" + key.id())
                          .WithHeader("Cache-Control", "no-store");
                    }});
  routes.push_back({Method::kDelete, "/v1/api-keys/{id}", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::RevokeApiKeyRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_RETURN_IF_ERROR(CallUnary(c.accounts(), &Stub::RevokeApiKey, r, req,
                                                     c.deadline(), "membership")
                                               .status());
                      return Reply::Raw(204, "", "");
                    }});
  return routes;
}

}  // namespace iris::gateway
