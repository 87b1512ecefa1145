#include "services/gateway/middleware/auth.hpp"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "iris/membership/v1/accounts.grpc.pb.h"
#include "libs/grpc/channel.hpp"
#include "libs/log/log.hpp"
#include "libs/status/grpc_status.hpp"
#include "libs/status/status.hpp"
#include "services/gateway/clients/upstream.hpp"

namespace iris::gateway {
namespace {

absl::Status BadCredentials(std::string message) {
  return iris::status::WithDetail(absl::UnauthenticatedError(std::move(message)),
                                  "unauthenticated");
}

bool HasScope(const iris::identity::Caller& c, std::string_view scope) {
  return std::find(c.scopes.begin(), c.scopes.end(), scope) != c.scopes.end();
}

}  // namespace

ApiKeyResolver MembershipKeyResolver(Upstream& membership) {
  return [&membership](const std::string& key_hash,
                       const std::string& request_id) -> absl::StatusOr<iris::identity::Caller> {
    iris::identity::Caller anonymous;
    anonymous.request_id = request_id;
    iris::membership::v1::ResolveApiKeyRequest req;
    req.set_key_hash(key_hash);
    IRIS_ASSIGN_OR_RETURN(
        auto out,
        membership.Call(membership.Stub<iris::membership::v1::Accounts>(),
                        &iris::membership::v1::Accounts::Stub::ResolveApiKey, anonymous, req));
    iris::identity::Caller c;
    c.subject = out.principal().user_id();
    c.role = out.principal().role();
    c.organization_id = out.principal().organization_id();
    c.country = out.principal().country();
    c.scopes.assign(out.scopes().begin(), out.scopes().end());
    return c;
  };
}

AccountStateResolver MembershipAccountStates(Upstream& membership) {
  return [&membership](const std::string& user_id,
                       const std::string& request_id) -> absl::StatusOr<AccountState> {
    // The gateway asks for itself: membership answers this only to role "system", which no
    // account can have (the users table allows the five roles only).
    iris::identity::Caller gateway;
    gateway.subject = "gateway";
    gateway.role = "system";
    gateway.request_id = request_id;
    iris::membership::v1::GetUserRequest req;
    req.set_id(user_id);
    IRIS_ASSIGN_OR_RETURN(
        auto out,
        membership.Call(membership.Stub<iris::membership::v1::Accounts>(),
                        &iris::membership::v1::Accounts::Stub::GetAccountState, gateway, req));
    return AccountState{out.active(), out.token_version()};
  };
}

Authenticator::Authenticator(const Jwt& jwt, ApiKeyResolver resolver,
                             std::chrono::milliseconds cache_ttl, Clock clock,
                             AccountStateResolver states)
    : jwt_(jwt),
      resolver_(std::move(resolver)),
      cache_ttl_(cache_ttl),
      clock_(std::move(clock)),
      states_(std::move(states)) {}

namespace {

// "<scheme> <credential>", surrounding blanks ignored; nullopt when either part is missing.
struct Credentials {
  std::string scheme;
  std::string credential;
};
std::optional<Credentials> SplitAuthorization(const std::string& header) {
  // Debian's Abseil has its own string_view: stay with std::string across the boundary.
  const std::string value(absl::StripAsciiWhitespace(header));
  const size_t space = value.find(' ');
  if (space == std::string::npos) return std::nullopt;
  const size_t start = value.find_first_not_of(' ', space + 1);
  if (start == std::string::npos) return std::nullopt;
  return Credentials{value.substr(0, space), value.substr(start)};
}

bool IsApiKeyScheme(const std::string& scheme) { return absl::EqualsIgnoreCase(scheme, "ApiKey"); }

}  // namespace

bool Authenticator::MayBlock(const http::HttpRequest& request) {
  const auto header = request.HeaderValue("authorization");
  if (!header) return false;
  const auto parts = SplitAuthorization(*header);
  return parts &&
         (IsApiKeyScheme(parts->scheme) || absl::EqualsIgnoreCase(parts->scheme, "Bearer"));
}

absl::StatusOr<iris::identity::Caller> Authenticator::Authenticate(const http::HttpRequest& request,
                                                                   const std::string& request_id) {
  const auto header = request.HeaderValue("authorization");
  if (!header) return iris::identity::Caller{};
  const auto parts = SplitAuthorization(*header);
  if (!parts) return BadCredentials("the Authorization header is malformed");
  const std::string& scheme = parts->scheme;
  const std::string_view credential = parts->credential;
  if (absl::EqualsIgnoreCase(scheme, "Bearer")) {
    auto claims = VerifyToken(credential);
    if (!claims.ok()) return claims.status();
    IRIS_RETURN_IF_ERROR(CheckAccount(*claims, request_id));
    iris::identity::Caller c;
    c.subject = claims->subject;
    c.role = claims->role;
    c.organization_id = claims->organization_id;
    c.country = claims->country;
    return c;
  }
  if (IsApiKeyScheme(scheme)) return ResolveKey(credential, request_id);
  return BadCredentials("use Authorization: Bearer <token> or ApiKey <key>");
}

absl::StatusOr<iris::identity::Caller> Authenticator::ResolveKey(std::string_view key,
                                                                 const std::string& request_id) {
  // Every key we issue starts so; anything else is refused without asking membership.
  if (key.substr(0, 5) != "iris_" || key.size() > 200) {
    return BadCredentials("the API key is not valid");
  }
  const std::string hash = values::Sha256Hex(key);
  const auto now = clock_();
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(hash);
    if (it != cache_.end() && it->second.expires > now) {
      if (!it->second.caller) return BadCredentials("the API key is not valid");
      return *it->second.caller;
    }
  }
  auto resolved = resolver_(hash, request_id);
  std::optional<iris::identity::Caller> entry;
  if (resolved.ok()) {
    entry = *resolved;
  } else if (resolved.status().code() != absl::StatusCode::kNotFound) {
    return resolved.status();  // not cached: membership may answer next time
  }
  {
    std::lock_guard lock(mu_);
    // Guessed keys must not grow the cache without bound: start over when it is full.
    if (cache_.size() >= kMaxCachedKeys) cache_.clear();
    cache_[hash] = {now + cache_ttl_, entry};
  }
  if (!entry) return BadCredentials("the API key is not valid");
  return *entry;
}

absl::StatusOr<JwtClaims> Authenticator::VerifyToken(std::string_view token) {
  const auto now = clock_();
  const std::string key(token);
  {
    std::lock_guard lock(mu_);
    auto it = tokens_.find(key);
    if (it != tokens_.end()) {
      if (it->second.expires > now) return it->second.claims;
      tokens_.erase(it);
    }
  }
  auto claims = jwt_.Verify(token);  // refusals are not remembered: forgeries cost their check
  if (!claims.ok()) return claims;
  const auto keep = std::min<std::chrono::steady_clock::duration>(
      cache_ttl_,
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(jwt_.Remaining(*claims)));
  if (keep.count() > 0) {
    std::lock_guard lock(mu_);
    // Tokens are few (one per signed-in client), but a bound keeps a flood from growing it.
    if (tokens_.size() >= kMaxCachedKeys) tokens_.clear();
    tokens_[key] = {now + keep, *claims};
  }
  return claims;
}

absl::Status Authenticator::CheckAccount(const JwtClaims& claims, const std::string& request_id) {
  if (!states_) return absl::OkStatus();
  const auto now = clock_();
  std::optional<StateEntry> entry;
  {
    std::lock_guard lock(mu_);
    auto it = states_cache_.find(claims.subject);
    // Versions only grow: a token newer than the cached state (just issued after a password
    // change, maybe by another replica) means the cache is behind, so it is asked again.
    if (it != states_cache_.end() && it->second.expires > now &&
        !(it->second.state && claims.token_version > it->second.state->token_version)) {
      entry = it->second;
    }
  }
  if (!entry) {
    auto asked = states_(claims.subject, request_id);
    if (!asked.ok() && asked.status().code() != absl::StatusCode::kNotFound) {
      // Not cached: membership may answer next time. Anything but "down" (e.g. it does not
      // trust this gateway's signing key) is a fault of ours, not the caller's: logged, 503.
      if (asked.status().code() != absl::StatusCode::kUnavailable) {
        iris::log::Error("asking membership for an account's state failed",
                         {{"error", std::string(asked.status().message())}});
      }
      return iris::status::WithDetail(
          absl::UnavailableError("the account service cannot be reached; retry shortly"),
          "unavailable");
    }
    entry = StateEntry{now + cache_ttl_,
                       asked.ok() ? std::optional<AccountState>(*asked) : std::nullopt};
    std::lock_guard lock(mu_);
    if (states_cache_.size() >= kMaxCachedKeys) states_cache_.clear();
    states_cache_[claims.subject] = *entry;
  }
  if (!entry->state) {
    return iris::status::WithDetail(
        absl::UnauthenticatedError("the token's account does not exist"), "invalid_token");
  }
  if (!entry->state->active) {
    return iris::status::WithDetail(
        absl::UnauthenticatedError("this account is disabled; a network admin can enable it"),
        "account_disabled");
  }
  if (claims.token_version != entry->state->token_version) {
    return iris::status::WithDetail(
        absl::UnauthenticatedError(
            "the token was revoked (the password changed or the sessions ended); sign in again"),
        "invalid_token");
  }
  return absl::OkStatus();
}

absl::Status CheckAccess(const Route& route, const iris::identity::Caller& caller) {
  if (route.access == Access::kPublic && caller.anonymous()) return absl::OkStatus();
  if (caller.anonymous()) {
    return iris::status::WithDetail(absl::UnauthenticatedError("this operation needs credentials"),
                                    "unauthenticated");
  }
  const bool admin = caller.HasRole(iris::identity::kNetworkAdmin);
  const bool staff = admin || caller.HasRole(iris::identity::kNationalCoordinator);
  if ((route.access == Access::kNetworkAdmin && !admin) ||
      (route.access == Access::kStaff && !staff)) {
    return iris::status::WithDetail(
        absl::PermissionDeniedError("your role does not allow this operation"), "forbidden");
  }
  // Tokens carry no scopes: they act with everything the role allows.
  if (caller.scopes.empty()) return absl::OkStatus();
  const std::string_view needed = NeededScope(route);
  if (HasScope(caller, needed) || (needed == "read" && HasScope(caller, "write"))) {
    return absl::OkStatus();
  }
  return iris::status::WithDetail(
      absl::PermissionDeniedError("this API key lacks the scope " + std::string(needed) +
                                  " that this operation needs"),
      "insufficient_scope");
}

std::string ScopeOf(const http::HttpRequest& request, const identity::Caller& caller) {
  return caller.anonymous() ? "ip:" + request.remote_address : "user:" + caller.subject;
}

}  // namespace iris::gateway
