// Use cases of accounts: sign-in, users, API keys. Authorises against the Caller, records every
// change in the outbox and the audit log.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "services/membership/app/password_hasher.hpp"
#include "services/membership/domain/account.hpp"
#include "services/membership/storage/account_repository.hpp"
#include "services/membership/storage/reference_cache.hpp"

namespace iris::membership::app {

struct CreatedApiKey {
  domain::ApiKey key;
  std::string plaintext;  // iris_<prefix>_<secret>; returned once, never stored
};

class AccountUseCases {
 public:
  AccountUseCases(db::Pool& pool, storage::AccountRepository& repo, const PasswordHasher& hasher,
                  storage::ReferenceCache& reference_codes)
      : pool_(pool), repo_(repo), hasher_(hasher), reference_codes_(reference_codes) {}

  // UNAUTHENTICATED (reason invalid_credentials, one message) for an unknown email or a wrong
  // password; both cost one argon2 verification. The right password of a disabled account is
  // UNAUTHENTICATED reason account_disabled.
  absl::StatusOr<domain::User> Authenticate(std::string_view email, std::string_view password);
  // The caller's own account, or any for a network admin; NOT_FOUND otherwise.
  absl::StatusOr<domain::User> GetUser(const identity::Caller& caller, const std::string& id);
  // Network admins only (PERMISSION_DENIED otherwise): accounts in creation order. An unknown
  // role or country is INVALID_ARGUMENT "malformed" naming the filter.
  absl::StatusOr<pagination::Page<domain::User>> ListUsers(const identity::Caller& caller,
                                                           const storage::UserFilter& filter,
                                                           const pagination::PageParams& page);
  // Network admins, and national coordinators for members of an organisation in their country
  // (else PERMISSION_DENIED, or 422 on organization_id for one outside it); 422 with field
  // errors (also for an organization_id that names no organisation); ALREADY_EXISTS (problem
  // type email_taken) for a taken email.
  absl::StatusOr<domain::User> CreateUser(const identity::Caller& caller, domain::NewUser user);
  // Network admins only. Disabling ends the account's tokens, sessions and (while disabled) API
  // keys; enabling lets it sign in again. NOT_FOUND for an unknown id; FAILED_PRECONDITION
  // (invalid_transition) for the caller's own account. Doing what is already so changes nothing.
  // `expected_version` 0: no If-Match precondition; `note` goes to the audit log.
  absl::StatusOr<domain::User> SetDisabled(const identity::Caller& caller, const std::string& id,
                                           bool disabled, int64_t expected_version,
                                           const std::string& note);
  // The gateway only (role "system"): whether the account may act, and the token version its
  // access tokens must carry. NOT_FOUND for an unknown id.
  absl::StatusOr<storage::AccountState> GetAccountState(const identity::Caller& caller,
                                                        const std::string& id);

  // A key acting for the caller. A caller signed in with a key makes keys no wider than its
  // own: each scope one it holds, or any under `write` (all the user may do); else
  // PERMISSION_DENIED with problem type insufficient_scope.
  absl::StatusOr<CreatedApiKey> CreateApiKey(const identity::Caller& caller, std::string name,
                                             std::vector<std::string> scopes);
  absl::StatusOr<std::vector<domain::ApiKey>> ListApiKeys(const identity::Caller& caller);
  absl::Status RevokeApiKey(const identity::Caller& caller, const std::string& id);
  // `key_hash`: values::Sha256Hex of the whole key, as the gateway sends it and CreateApiKey
  // stores it. NOT_FOUND for unknown or revoked keys.
  absl::StatusOr<storage::ResolvedKey> ResolveApiKey(const std::string& key_hash);

  // Creates the first network admin when none exists (safe with replicas starting together).
  // The new id, or nullopt when an admin existed.
  absl::StatusOr<std::optional<std::string>> BootstrapAdmin(std::string_view email,
                                                            std::string_view password);

  const PasswordHasher& hasher() const { return hasher_; }

 private:
  db::Pool& pool_;
  storage::AccountRepository& repo_;
  const PasswordHasher& hasher_;
  storage::ReferenceCache& reference_codes_;
};

}  // namespace iris::membership::app
