// Browser sessions: sign-in (POST /v1/auth/token, with the failed-login limit), refresh and
// logout. An access token is the gateway's JWT; the refresh token is membership's, rotated on
// every refresh (proto sessions.proto).
#include <algorithm>
#include <string>
#include <vector>

#include "iris/membership/v1/sessions.grpc.pb.h"
#include "libs/status/status.hpp"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/routes/upstream_call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::membership::v1;
using Stub = v1::Sessions::Stub;

Reply& WithQuota(Reply& reply, const LoginQuota& q) {
  reply.WithHeader("RateLimit-Limit", std::to_string(q.limit))
      .WithHeader("RateLimit-Remaining", std::to_string(q.remaining))
      .WithHeader("RateLimit-Reset", std::to_string(q.reset_seconds));
  return reply;
}

// The 429 of a LoginLimiter quota used up.
Reply Limited(const RequestContext& r, const LoginQuota& quota, const std::string& message) {
  Reply reply = rest::Problem(
      iris::status::WithDetail(absl::ResourceExhaustedError(message), "rate_limited"), r);
  reply.WithHeader("Retry-After", std::to_string(quota.reset_seconds));
  return WithQuota(reply, quota);
}

// `body`'s fields `names`, each a required non-empty string, and no other field. By hand
// rather than rest::BodyInto: the JSON mapping does not check presence or emptiness.
// Errors join those the body already had (control characters): one answer names them all.
absl::StatusOr<std::vector<std::string>> RequiredStrings(RequestContext& r,
                                                         const std::vector<std::string>& names) {
  const nlohmann::json& body = *r.json_body;
  if (!body.is_object()) {
    std::string shape;
    for (const auto& n : names) shape += (shape.empty() ? "" : ", ") + n;
    return iris::status::Invalid("body", "must be a JSON object {" + shape + "}");
  }
  iris::status::Validator& v = r.body_errors;
  std::vector<std::string> values;
  for (const auto& name : names) {
    auto it = body.find(name);
    if (it == body.end() || !it->is_string() || it->get<std::string>().empty()) {
      v.Add(name, "is required (a string)");
      continue;
    }
    values.push_back(it->get<std::string>());
  }
  for (const auto& [name, value] : body.items()) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      v.Add(name, "is not a field of this request");
    }
  }
  IRIS_RETURN_IF_ERROR(v.Finish());
  return values;
}

// OAuth 2.0's token response (RFC 6749 §5.1) for a session: never stored by anyone.
Reply TokenReply(const Jwt& jwt, const v1::Session& session) {
  const auto& p = session.principal();
  JwtClaims claims;
  claims.subject = p.user_id();
  claims.role = p.role();
  claims.organization_id = p.organization_id();
  claims.country = p.country();
  claims.token_version = p.token_version() > 0 ? p.token_version() : 1;
  Reply reply = Reply::Json(200, nlohmann::json{{"access_token", jwt.Sign(claims)},
                                                {"token_type", "Bearer"},
                                                {"expires_in", jwt.ttl().count()},
                                                {"refresh_token", session.refresh_token()}});
  reply.WithHeader("Cache-Control", "no-store");
  return reply;
}

absl::StatusOr<Reply> IssueToken(RequestContext& r, Upstream& c, const Jwt* jwt,
                                 LoginLimiter* limiter) {
  if (jwt == nullptr || limiter == nullptr) {
    return absl::UnavailableError("sign-in is not configured on this gateway");
  }
  IRIS_ASSIGN_OR_RETURN(auto fields, RequiredStrings(r, {"email", "password"}));
  v1::AuthenticateRequest req;
  req.set_email(fields[0]);
  req.set_password(fields[1]);
  const std::string& ip = r.http.remote_address;
  // The attempt is counted before the password is checked (see LoginLimiter) and given back
  // unless the check failed.
  const LoginQuota reserved = limiter->Reserve(req.email(), ip);
  if (reserved.limited) return Limited(r, reserved, "too many failed sign-ins; try again later");
  auto session = Call(c, &Stub::StartSession, r, req);
  if (session.status().code() == absl::StatusCode::kUnauthenticated) {
    Reply reply = rest::Problem(session.status(), r);
    return WithQuota(reply, reserved);
  }
  const LoginQuota after = limiter->Release(req.email(), ip);
  IRIS_RETURN_IF_ERROR(session.status());
  Reply reply = TokenReply(*jwt, *session);
  return WithQuota(reply, after);
}

// A wrong current password counts as a failed sign-in of the account (LoginLimiter, keyed by
// the account rather than an email): a stolen access token must not become a way to guess the
// password and take the account over.
absl::StatusOr<Reply> ChangePassword(RequestContext& r, Upstream& c, const Jwt* jwt,
                                     LoginLimiter* limiter) {
  if (jwt == nullptr || limiter == nullptr) {
    return absl::UnavailableError("sign-in is not configured on this gateway");
  }
  IRIS_ASSIGN_OR_RETURN(auto fields, RequiredStrings(r, {"current_password", "new_password"}));
  const std::string account = "account:" + r.caller.subject;
  const std::string& ip = r.http.remote_address;
  const LoginQuota reserved = limiter->Reserve(account, ip);
  if (reserved.limited) return Limited(r, reserved, "too many wrong passwords; try again later");
  v1::ChangePasswordRequest req;
  req.set_current_password(fields[0]);
  req.set_new_password(fields[1]);
  auto session = Call(c, &Stub::ChangePassword, r, req);
  bool wrong_password = false;
  if (!session.ok()) {
    const auto detail = iris::status::DetailOf(session.status());
    for (const auto& e : detail.errors()) {
      wrong_password = wrong_password || e.field() == "current_password";
    }
  }
  if (wrong_password) {
    Reply reply = rest::Problem(session.status(), r);
    return WithQuota(reply, reserved);
  }
  const LoginQuota after = limiter->Release(account, ip);
  IRIS_RETURN_IF_ERROR(session.status());
  Reply reply = TokenReply(*jwt, *session);
  return WithQuota(reply, after);
}

v1::RefreshRequest RefreshRequestOf(const std::string& token) {
  v1::RefreshRequest req;
  req.set_refresh_token(token);
  return req;
}

}  // namespace

std::vector<Route> SessionRoutes(Upstream& c, const Jwt* jwt, LoginLimiter* limiter) {
  std::vector<Route> routes;
  routes.push_back(
      {Method::kPost, "/v1/auth/token", Access::kPublic, Body::kJson,
       [&c, jwt, limiter](RequestContext& r) { return IssueToken(r, c, jwt, limiter); }});
  // A refresh token is 256 random bits: guessing needs no rate limit; a replayed one ends its
  // session in membership.
  routes.push_back({Method::kPost, "/v1/auth/refresh", Access::kPublic, Body::kJson,
                    [&c, jwt](RequestContext& r) -> absl::StatusOr<Reply> {
                      if (jwt == nullptr) {
                        return absl::UnavailableError("sign-in is not configured on this gateway");
                      }
                      IRIS_ASSIGN_OR_RETURN(auto fields, RequiredStrings(r, {"refresh_token"}));
                      IRIS_ASSIGN_OR_RETURN(
                          auto session, Call(c, &Stub::Refresh, r, RefreshRequestOf(fields[0])));
                      return TokenReply(*jwt, session);
                    }});
  // Logout ends the session of the refresh token; the access token runs out by itself (at most
  // its expires_in), as JWTs are not looked up.
  routes.push_back({Method::kPost, "/v1/auth/logout", Access::kPublic, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      IRIS_ASSIGN_OR_RETURN(auto fields, RequiredStrings(r, {"refresh_token"}));
                      IRIS_RETURN_IF_ERROR(
                          Call(c, &Stub::EndSession, r, RefreshRequestOf(fields[0])).status());
                      return rest::NoContent();
                    }});
  // Account hygiene (issue 14): every other token and session of the account ends; the answer
  // is a new session, so the caller stays signed in.
  routes.push_back(
      {Method::kPost, "/v1/me/password", Access::kAuthenticated, Body::kJson,
       [&c, jwt, limiter](RequestContext& r) { return ChangePassword(r, c, jwt, limiter); }});
  for (auto& r : routes) r.idempotency_keys = false;  // their answers hold tokens
  return routes;
}

}  // namespace iris::gateway
