#include "services/membership/app/session_use_cases.hpp"

#include <optional>

#include "absl/strings/str_cat.h"
#include "libs/db/outbox.hpp"
#include "libs/status/status.hpp"
#include "libs/values/random_token.hpp"
#include "libs/values/sha256.hpp"

namespace iris::membership::app {
namespace {

std::string NewRefreshToken() { return values::RandomToken("iris_rt_"); }

absl::Status CheckLength(std::string_view refresh_token) {
  if (refresh_token.size() <= values::kMaxTokenLength) return absl::OkStatus();
  return status::Invalid("refresh_token",
                         absl::StrCat("must be at most ", values::kMaxTokenLength, " characters"));
}

absl::Status InvalidRefreshToken(std::string_view why) {
  return status::WithDetail(absl::UnauthenticatedError(std::string(why)), "invalid_token");
}

}  // namespace

absl::StatusOr<SessionGrant> SessionUseCases::Start(std::string_view email,
                                                    std::string_view password) {
  IRIS_ASSIGN_OR_RETURN(auto user, accounts_.Authenticate(email, password));
  SessionGrant grant{
      .user = std::move(user), .refresh_token = NewRefreshToken(), .refresh_expires_at = {}};
  IRIS_ASSIGN_OR_RETURN(auto issued, pool_.Write([&](db::Tx& tx) {
    // Under the version the password was checked against: had it changed meanwhile, the
    // session's first refresh is refused (and its access token by the gateway).
    return sessions_.Insert(tx, "", grant.user.id, values::Sha256Hex(grant.refresh_token),
                            kRefreshTokenLifetime, grant.user.token_version);
  }));
  grant.refresh_expires_at = issued.expires_at;
  return grant;
}

absl::StatusOr<SessionGrant> SessionUseCases::Refresh(std::string_view refresh_token) {
  IRIS_RETURN_IF_ERROR(CheckLength(refresh_token));
  // What the transaction decided: a refused token must still commit a revocation.
  struct Outcome {
    std::optional<SessionGrant> grant;
    std::string refusal;
  };
  const std::string hash = values::Sha256Hex(refresh_token);
  const std::string next = NewRefreshToken();
  IRIS_ASSIGN_OR_RETURN(Outcome outcome, pool_.Write([&](db::Tx& tx) -> absl::StatusOr<Outcome> {
    IRIS_RETURN_IF_ERROR(sessions_.LockSession(tx, hash));
    IRIS_ASSIGN_OR_RETURN(auto stored, sessions_.FindForUpdate(tx, hash));
    if (!stored) return Outcome{std::nullopt, "the refresh token is not known"};
    if (stored->revoked) return Outcome{std::nullopt, "the session has ended; sign in again"};
    if (stored->used) {
      // A rotated token came back: whoever holds it, the session is no longer safe.
      IRIS_RETURN_IF_ERROR(sessions_.RevokeFamily(tx, stored->family_id));
      return Outcome{std::nullopt,
                     "the refresh token was used before; the session is revoked, sign in "
                     "again"};
    }
    if (stored->expired) return Outcome{std::nullopt, "the refresh token has expired"};
    IRIS_ASSIGN_OR_RETURN(auto user, users_.FindUser(tx, stored->user_id));
    // A session from before a password change or a disabling ends here even if the change's
    // revocation missed it (a successor inserted concurrently, after its snapshot).
    if (user.disabled || user.token_version != stored->token_version) {
      IRIS_RETURN_IF_ERROR(sessions_.RevokeFamily(tx, stored->family_id));
      return Outcome{std::nullopt, user.disabled ? "the account is disabled"
                                                 : "the session ended when the password changed"};
    }
    IRIS_RETURN_IF_ERROR(sessions_.MarkUsed(tx, stored->id));
    IRIS_ASSIGN_OR_RETURN(auto issued, sessions_.Insert(tx, stored->family_id, stored->user_id,
                                                        values::Sha256Hex(next),
                                                        kRefreshTokenLifetime, user.token_version));
    return Outcome{SessionGrant{std::move(user), next, issued.expires_at}, ""};
  }));
  if (!outcome.grant) return InvalidRefreshToken(outcome.refusal);
  return *std::move(outcome.grant);
}

absl::Status SessionUseCases::End(std::string_view refresh_token) {
  IRIS_RETURN_IF_ERROR(CheckLength(refresh_token));
  const std::string hash = values::Sha256Hex(refresh_token);
  return pool_.Write([&](db::Tx& tx) -> absl::Status {
    IRIS_RETURN_IF_ERROR(sessions_.LockSession(tx, hash));
    IRIS_ASSIGN_OR_RETURN(auto stored, sessions_.FindForUpdate(tx, hash));
    if (!stored) return absl::OkStatus();
    return sessions_.RevokeFamily(tx, stored->family_id);
  });
}

absl::StatusOr<SessionGrant> SessionUseCases::ChangePassword(const identity::Caller& caller,
                                                             std::string_view current,
                                                             std::string_view next) {
  if (caller.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  if (!caller.scopes.empty()) {
    return status::WithDetail(
        absl::PermissionDeniedError("an API key cannot change the password; sign in"),
        "insufficient_scope");
  }
  status::Validator v;
  if (current.empty()) v.Add("current_password", "is required");
  if (current.size() > 4 * domain::kMaxPasswordLength) {
    v.Add("current_password", "is not your password");  // no argon2 run for a megabyte
  }
  for (const auto& p : domain::CheckPassword(next)) v.Add("new_password", p.message);
  if (!current.empty() && next == current) {
    v.Add("new_password", "must differ from the current password");
  }
  IRIS_RETURN_IF_ERROR(v.Finish());
  const auto& hasher = accounts_.hasher();
  // Argon2 outside the transaction (no row lock or pooled connection held for it): the current
  // password first, the new hash only once it is right; the transaction then changes the
  // password only if the hash checked is still the stored one.
  // (A write transaction only because the statement locks; it commits at once.)
  IRIS_ASSIGN_OR_RETURN(auto checked, pool_.Write([&](db::Tx& tx) {
    return users_.FindPasswordForUpdate(tx, caller.subject);
  }));
  if (!hasher.Verify(checked.password_hash, current)) {
    return status::Invalid("current_password", "is not your password");
  }
  IRIS_ASSIGN_OR_RETURN(auto hash, hasher.Hash(next));
  SessionGrant grant{.user = {}, .refresh_token = NewRefreshToken(), .refresh_expires_at = {}};
  IRIS_RETURN_IF_ERROR(pool_.Write([&](db::Tx& tx) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto stored, users_.FindPasswordForUpdate(tx, caller.subject));
    if (stored.password_hash != checked.password_hash) {
      return status::Conflict("conflict", "the password changed meanwhile; try again");
    }
    IRIS_ASSIGN_OR_RETURN(grant.user, users_.SetPassword(tx, caller.subject, hash));
    IRIS_RETURN_IF_ERROR(users_.EndSessions(tx, caller.subject));
    IRIS_ASSIGN_OR_RETURN(
        auto issued,
        sessions_.Insert(tx, "", caller.subject, values::Sha256Hex(grant.refresh_token),
                         kRefreshTokenLifetime, grant.user.token_version));
    grant.refresh_expires_at = issued.expires_at;
    db::Change change;
    change.type = "membership.user.password_changed";
    change.subject_type = "user";
    change.subject_id = caller.subject;
    change.payload = {{"id", caller.subject}};
    change.action = "change_password";
    return db::RecordChange(tx, "membership", caller, change);
  }));
  return grant;
}

}  // namespace iris::membership::app
