// Authentication at the gateway: Bearer JWTs and API keys become a Caller; per-route access
// (Access) and API key scopes are enforced here. Object-level rules stay with the services.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/identity/caller.hpp"
#include "libs/values/sha256.hpp"
#include "services/gateway/http/http_types.hpp"
#include "services/gateway/middleware/jwt.hpp"
#include "services/gateway/routes/route.hpp"

namespace iris::gateway {

class Upstream;

// Asks membership who owns an API key, by the key's SHA-256 (hex). NOT_FOUND for unknown or
// revoked keys; UNAVAILABLE when membership does not answer.
using ApiKeyResolver = std::function<absl::StatusOr<iris::identity::Caller>(
    const std::string& key_hash, const std::string& request_id)>;
ApiKeyResolver MembershipKeyResolver(Upstream& membership);

// Whether an account may act and the token version its access tokens must carry.
struct AccountState {
  bool active = true;
  int32_t token_version = 1;
};
// Asks membership (Accounts.GetAccountState, as the gateway itself: role "system"). NOT_FOUND
// for an account that does not exist; UNAVAILABLE when membership does not answer.
using AccountStateResolver = std::function<absl::StatusOr<AccountState>(
    const std::string& user_id, const std::string& request_id)>;
AccountStateResolver MembershipAccountStates(Upstream& membership);

class Authenticator {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  // A revoked key, a disabled account and a token of an older token version stop working within
  // `cache_ttl` (API.md: 5 seconds at most). Without `states`, tokens are not checked against
  // their account (unit tests of the rest).
  Authenticator(
      const Jwt& jwt, ApiKeyResolver resolver,
      std::chrono::milliseconds cache_ttl = std::chrono::seconds(5),
      Clock clock = [] { return std::chrono::steady_clock::now(); },
      AccountStateResolver states = nullptr);

  // No Authorization header: an anonymous Caller. A header that does not hold a valid token or
  // live key: UNAUTHENTICATED. Membership unreachable while resolving a key: UNAVAILABLE.
  absl::StatusOr<iris::identity::Caller> Authenticate(const http::HttpRequest& request,
                                                      const std::string& request_id);

  // Whether Authenticate may wait on I/O for this request: a credential (an API key is resolved
  // by membership, a token's account state is asked of it when not cached). A missing or
  // malformed header needs nothing.
  static bool MayBlock(const http::HttpRequest& request);

  static constexpr size_t kMaxCachedKeys = 10000;

 private:
  absl::StatusOr<iris::identity::Caller> ResolveKey(std::string_view key,
                                                    const std::string& request_id);
  // OK while the token's account is active and still at the token's version.
  absl::Status CheckAccount(const JwtClaims& claims, const std::string& request_id);
  // jwt_.Verify, remembered by the token's bytes until it expires (at most cache_ttl): a client
  // sends one token many times, and verifying it (HMAC, two base64 and two JSON parses) was a
  // quarter of an authenticated read's gateway time (bench/HISTORY.md, session 8).
  absl::StatusOr<JwtClaims> VerifyToken(std::string_view token);

  struct CacheEntry {
    std::chrono::steady_clock::time_point expires;
    std::optional<iris::identity::Caller> caller;  // nullopt: known to be invalid
  };
  const Jwt& jwt_;
  const ApiKeyResolver resolver_;
  const std::chrono::milliseconds cache_ttl_;
  const Clock clock_;
  std::mutex mu_;
  std::unordered_map<std::string, CacheEntry> cache_;  // key hash -> result; guarded by mu_
  const AccountStateResolver states_;
  struct StateEntry {
    std::chrono::steady_clock::time_point expires;
    std::optional<AccountState> state;  // nullopt: no such account
  };
  std::unordered_map<std::string, StateEntry> states_cache_;  // user id -> state; guarded by mu_
  struct TokenEntry {
    std::chrono::steady_clock::time_point expires;
    JwtClaims claims;
  };
  std::unordered_map<std::string, TokenEntry> tokens_;  // verified token -> claims; guarded by mu_
};

// The route's coarse rule for this caller: UNAUTHENTICATED (401) for anonymous callers of
// non-public routes, PERMISSION_DENIED (403) for a missing role or an API key scope that does
// not cover the route's NeededScope (read: GETs; write: everything but webhooks, reads too;
// webhooks:manage: routes that declare it).
absl::Status CheckAccess(const Route& route, const iris::identity::Caller& caller);

// Whose quota or idempotency keys a request uses: "user:<id>" for the account behind a token or
// API key, "ip:<address>" for anonymous callers. One definition, so rate limits and
// idempotency keys always agree on who the caller is.
std::string ScopeOf(const http::HttpRequest& request, const identity::Caller& caller);

}  // namespace iris::gateway
