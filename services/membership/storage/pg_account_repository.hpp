// AccountRepository over membership.users and membership.api_keys.
#pragma once

#include "services/membership/storage/account_repository.hpp"

namespace iris::membership::storage {

class PgAccountRepository : public AccountRepository {
 public:
  absl::StatusOr<domain::User> InsertUser(db::Tx& tx, const domain::NewUser& user,
                                          const std::string& password_hash) override;
  absl::StatusOr<domain::User> FindUser(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<std::optional<Credentials>> FindCredentials(db::Tx& tx,
                                                             const std::string& email) override;
  absl::StatusOr<std::optional<std::string>> InsertFirstAdmin(
      db::Tx& tx, const std::string& email, const std::string& name,
      const std::string& password_hash) override;
  absl::Status InsertApiKey(db::Tx& tx, domain::ApiKey& key, const std::string& key_hash) override;
  absl::StatusOr<pagination::Rows<domain::User>> ListUsers(
      db::Tx& tx, const UserFilter& filter, const pagination::KeysetRequest& page) override;
  absl::StatusOr<std::vector<domain::ApiKey>> ListApiKeys(
      db::Tx& tx, const std::optional<std::string>& user_id) override;
  absl::StatusOr<std::string> RevokeApiKey(db::Tx& tx, const std::string& id,
                                           const std::optional<std::string>& owner) override;
  absl::StatusOr<ResolvedKey> ResolveApiKey(db::Tx& tx, const std::string& key_hash) override;
  absl::StatusOr<Credentials> FindPasswordForUpdate(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::User> SetPassword(db::Tx& tx, const std::string& id,
                                           const std::string& password_hash) override;
  absl::StatusOr<domain::User> SetDisabled(db::Tx& tx, const std::string& id,
                                           bool disabled) override;
  absl::StatusOr<AccountState> GetAccountState(db::Tx& tx, const std::string& id) override;
  absl::Status EndSessions(db::Tx& tx, const std::string& user_id) override;
  absl::StatusOr<std::string> OrganizationCountry(db::Tx& tx, const std::string& id) override;
};

}  // namespace iris::membership::storage
