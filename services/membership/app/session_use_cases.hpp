// Browser sessions (proto sessions.proto): sign-in with a refresh token, rotation on every
// refresh, reuse detection that revokes the session, logout.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "services/membership/app/account_use_cases.hpp"
#include "services/membership/storage/account_repository.hpp"
#include "services/membership/storage/session_repository.hpp"

namespace iris::membership::app {

// A session's state after sign-in or a refresh: who, and the token for the next refresh.
struct SessionGrant {
  domain::User user;
  std::string refresh_token;  // plaintext, handed out once; only its SHA-256 is stored
  domain::Time refresh_expires_at;
};

// How long one refresh token lives: a browser that comes back within a month stays signed in;
// every refresh starts the month again.
inline constexpr std::chrono::seconds kRefreshTokenLifetime = std::chrono::hours(24 * 30);

class SessionUseCases {
 public:
  SessionUseCases(db::Pool& pool, AccountUseCases& accounts, storage::AccountRepository& users,
                  storage::SessionRepository& sessions)
      : pool_(pool), accounts_(accounts), users_(users), sessions_(sessions) {}

  // AccountUseCases::Authenticate, then a new session.
  absl::StatusOr<SessionGrant> Start(std::string_view email, std::string_view password);
  // UNAUTHENTICATED reason invalid_token unless `refresh_token` is the unused, unexpired token
  // of a live session; a used one revokes its session (committed before the answer).
  absl::StatusOr<SessionGrant> Refresh(std::string_view refresh_token);
  // Revokes the session of `refresh_token`, if there is one. Both take tokens of at most 128
  // characters (INVALID_ARGUMENT on refresh_token otherwise).
  absl::Status End(std::string_view refresh_token);
  // The caller's own password, with a token (an API key cannot: PERMISSION_DENIED reason
  // insufficient_scope). 422 on current_password when it is not the password, on new_password
  // when it breaks the rules or equals the current one. Every token and session of the account
  // ends in the same transaction; the grant is a new session for the caller.
  absl::StatusOr<SessionGrant> ChangePassword(const identity::Caller& caller,
                                              std::string_view current, std::string_view next);

 private:
  db::Pool& pool_;
  AccountUseCases& accounts_;
  storage::AccountRepository& users_;
  storage::SessionRepository& sessions_;
};

}  // namespace iris::membership::app
