// What the account use cases need from storage: users, credentials, API keys.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/membership/domain/account.hpp"

namespace iris::membership::storage {

// What the gateway checks an access token against.
struct AccountState {
  bool disabled = false;
  int32_t token_version = 1;
};

// A user with the hash to verify a password against (never leaves membership).
struct Credentials {
  domain::User user;
  std::string password_hash;
};

// What GET /v1/users filters on; "" is "any".
// Each matches any of its values; empty matches all.
struct UserFilter {
  std::vector<std::string> role;
  std::vector<std::string> country;  // a member's country is its organisation's
  std::vector<std::string> organization_id;
};

// The orders of a list of accounts; the first is the default.
inline const std::array<pagination::SortField<domain::User>, 2> kUserSorts{{
    {"created_at", pagination::KeyKind::kInstant, "users.created_at",
     [](const domain::User& u) { return pagination::InstantKey(u.created_at); }},
    {"email", pagination::KeyKind::kText, "users.email",
     [](const domain::User& u) { return u.email; }},
}};

struct ResolvedKey {
  domain::User user;  // id, email, name, role, organization_id, country
  std::vector<std::string> scopes;
};

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;
  // ALREADY_EXISTS for a taken email; FAILED_PRECONDITION for an unknown country.
  virtual absl::StatusOr<domain::User> InsertUser(db::Tx& tx, const domain::NewUser& user,
                                                  const std::string& password_hash) = 0;
  virtual absl::StatusOr<domain::User> FindUser(db::Tx& tx, const std::string& id) = 0;
  // nullopt when no user has this (normalised) email.
  virtual absl::StatusOr<std::optional<Credentials>> FindCredentials(db::Tx& tx,
                                                                     const std::string& email) = 0;
  // Creates the network admin unless one exists, serialised across replicas by an advisory lock
  // held to the end of `tx`. The new user's id, or nullopt when there was one already.
  virtual absl::StatusOr<std::optional<std::string>> InsertFirstAdmin(
      db::Tx& tx, const std::string& email, const std::string& name,
      const std::string& password_hash) = 0;

  // Up to pagination::RowsToFetch(page.limit) accounts matching `filter` in the page's order
  // after its position, and the total when asked; pagination::PageOf makes the page.
  virtual absl::StatusOr<pagination::Rows<domain::User>> ListUsers(
      db::Tx& tx, const UserFilter& filter, const pagination::KeysetRequest& page) = 0;
  // Fills id and created_at of `key`.
  virtual absl::Status InsertApiKey(db::Tx& tx, domain::ApiKey& key,
                                    const std::string& key_hash) = 0;
  // Live keys of `user_id`, or of everyone when nullopt; oldest first.
  virtual absl::StatusOr<std::vector<domain::ApiKey>> ListApiKeys(
      db::Tx& tx, const std::optional<std::string>& user_id) = 0;
  // Revokes a live key (of `owner` unless nullopt); NOT_FOUND otherwise. Returns its user id.
  virtual absl::StatusOr<std::string> RevokeApiKey(db::Tx& tx, const std::string& id,
                                                   const std::optional<std::string>& owner) = 0;
  // NOT_FOUND for an unknown or revoked key, or one of a disabled account.
  virtual absl::StatusOr<ResolvedKey> ResolveApiKey(db::Tx& tx, const std::string& key_hash) = 0;
  // The account with its hash, locked for a password change; NOT_FOUND when there is none.
  virtual absl::StatusOr<Credentials> FindPasswordForUpdate(db::Tx& tx, const std::string& id) = 0;
  // Stores a new hash and moves token_version on; the updated account.
  virtual absl::StatusOr<domain::User> SetPassword(db::Tx& tx, const std::string& id,
                                                   const std::string& password_hash) = 0;
  // Disables or enables; NOT_FOUND for an unknown id. Disabling moves token_version on.
  virtual absl::StatusOr<domain::User> SetDisabled(db::Tx& tx, const std::string& id,
                                                   bool disabled) = 0;
  // NOT_FOUND for an unknown id.
  virtual absl::StatusOr<AccountState> GetAccountState(db::Tx& tx, const std::string& id) = 0;
  // The country of the organisation with this id, its row locked FOR SHARE to the end of `tx`;
  // "" when there is none.
  virtual absl::StatusOr<std::string> OrganizationCountry(db::Tx& tx, const std::string& id) = 0;
  // Ends every browser session of the account (its refresh tokens).
  virtual absl::Status EndSessions(db::Tx& tx, const std::string& user_id) = 0;
};

}  // namespace iris::membership::storage
