#include "services/membership/storage/pg_account_repository.hpp"

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "libs/db/row.hpp"
#include "libs/db/sorted_statements.hpp"
#include "libs/db/values.hpp"
#include "libs/values/uuid.hpp"
#include "membership_sql.hpp"

namespace iris::membership::storage {
namespace {

std::vector<std::string> SplitScopes(const pqxx::field& f) {
  return absl::StrSplit(f.as<std::string>(), ',', absl::SkipEmpty());
}

// Who the user is: the columns every users_*.sql statement and api_keys_resolve.sql select.
domain::User UserFromRow(const db::Row& r) {
  domain::User u;
  u.id = r["id"].as<std::string>();
  u.email = r["email"].as<std::string>();
  u.name = r["name"].as<std::string>();
  u.role = r["role"].as<std::string>();
  u.organization_id = db::OptionalText(r["organization_id"]);
  u.country = db::OptionalText(r["country"]);
  u.disabled = r["disabled"].as<bool>();
  u.token_version = r["token_version"].as<int32_t>();
  return u;
}

// The whole stored user, as users_find_by_id.sql and users_insert.sql return it.
domain::User StoredUserFromRow(const db::Row& r) {
  domain::User u = UserFromRow(r);
  u.version = r["version"].as<int64_t>();
  u.created_at = db::TimeOf(r["created_at_us"]);
  u.updated_at = db::TimeOf(r["updated_at_us"]);
  return u;
}

// A row of api_keys_list.sql.
domain::ApiKey ApiKeyFromRow(const db::Row& r) {
  return {.id = r["id"].as<std::string>(),
          .user_id = r["user_id"].as<std::string>(),
          .name = r["name"].as<std::string>(),
          .prefix = r["prefix"].as<std::string>(),
          .scopes = SplitScopes(r["scopes"]),
          .created_at = db::TimeOf(r["created_at_us"])};
}

}  // namespace

absl::StatusOr<domain::User> PgAccountRepository::InsertUser(db::Tx& tx, const domain::NewUser& u,
                                                             const std::string& password_hash) {
  auto rows = tx.Exec(sql::kUsersInsert, u.email, u.name, u.role, u.organization_id, u.country,
                      password_hash);
  return StoredUserFromRow(rows[0]);
}

absl::StatusOr<domain::User> PgAccountRepository::FindUser(db::Tx& tx, const std::string& id) {
  if (!values::IsUuid(id)) return absl::NotFoundError("user not found");
  auto rows = tx.Exec(sql::kUsersFindById, id);
  if (rows.empty()) return absl::NotFoundError("user not found");
  return StoredUserFromRow(rows[0]);
}

absl::StatusOr<pagination::Rows<domain::User>> PgAccountRepository::ListUsers(
    db::Tx& tx, const UserFilter& filter, const pagination::KeysetRequest& page) {
  // Not a uuid names no organisation (the use case refuses it first): never a cast error.
  for (const auto& o : filter.organization_id) {
    if (!values::IsUuid(o)) return absl::InvalidArgumentError("organization_id is not a uuid");
  }
  const auto [key, id] = db::KeysetBindOf(page);
  const auto role = db::AnyOf(filter.role), country = db::AnyOf(filter.country),
             organization = db::AnyOf(filter.organization_id);
  return db::ListRows<domain::User>(
      sql::kUsersList, page,
      [&](const db::Statement& s, int rows) {
        return tx.Exec(s, key, id, role, country, organization, rows);
      },
      [](const db::Row& r) { return StoredUserFromRow(r); });
}

absl::StatusOr<std::optional<Credentials>> PgAccountRepository::FindCredentials(
    db::Tx& tx, const std::string& email) {
  auto rows = tx.Exec(sql::kUsersFindCredentials, email);
  if (rows.empty()) return std::optional<Credentials>();
  return std::optional<Credentials>(
      Credentials{UserFromRow(rows[0]), rows[0]["password_hash"].as<std::string>()});
}

absl::StatusOr<std::optional<std::string>> PgAccountRepository::InsertFirstAdmin(
    db::Tx& tx, const std::string& email, const std::string& name,
    const std::string& password_hash) {
  tx.Exec(sql::kUsersLockBootstrap);
  auto rows = tx.Exec(sql::kUsersInsertFirstAdmin, email, name, password_hash);
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0]["id"].as<std::string>());
}

absl::Status PgAccountRepository::InsertApiKey(db::Tx& tx, domain::ApiKey& key,
                                               const std::string& key_hash) {
  auto rows = tx.Exec(sql::kApiKeysInsert, key.user_id, key.name, key.prefix, key_hash,
                      absl::StrJoin(key.scopes, ","));
  key.id = rows[0]["id"].as<std::string>();
  key.created_at = db::TimeOf(rows[0]["created_at_us"]);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<domain::ApiKey>> PgAccountRepository::ListApiKeys(
    db::Tx& tx, const std::optional<std::string>& user_id) {
  std::vector<domain::ApiKey> out;
  for (const auto& r : tx.Exec(sql::kApiKeysList, user_id)) out.push_back(ApiKeyFromRow(r));
  return out;
}

absl::StatusOr<std::string> PgAccountRepository::RevokeApiKey(
    db::Tx& tx, const std::string& id, const std::optional<std::string>& owner) {
  if (!values::IsUuid(id)) return absl::NotFoundError("API key not found");
  auto rows = tx.Exec(sql::kApiKeysRevoke, id, owner);
  if (rows.empty()) return absl::NotFoundError("API key not found");
  return rows[0]["user_id"].as<std::string>();
}

absl::StatusOr<ResolvedKey> PgAccountRepository::ResolveApiKey(db::Tx& tx,
                                                               const std::string& key_hash) {
  auto rows = tx.Exec(sql::kApiKeysResolve, key_hash);
  if (rows.empty()) return absl::NotFoundError("API key not found");
  return ResolvedKey{UserFromRow(rows[0]), SplitScopes(rows[0]["scopes"])};
}

absl::StatusOr<Credentials> PgAccountRepository::FindPasswordForUpdate(db::Tx& tx,
                                                                       const std::string& id) {
  if (!values::IsUuid(id)) return absl::NotFoundError("user not found");
  auto rows = tx.Exec(sql::kUsersFindPasswordForUpdate, id);
  if (rows.empty()) return absl::NotFoundError("user not found");
  return Credentials{StoredUserFromRow(rows[0]), rows[0]["password_hash"].as<std::string>()};
}

absl::StatusOr<domain::User> PgAccountRepository::SetPassword(db::Tx& tx, const std::string& id,
                                                              const std::string& password_hash) {
  auto rows = tx.Exec(sql::kUsersSetPassword, id, password_hash);
  if (rows.empty()) return absl::NotFoundError("user not found");
  return StoredUserFromRow(rows[0]);
}

absl::StatusOr<domain::User> PgAccountRepository::SetDisabled(db::Tx& tx, const std::string& id,
                                                              bool disabled) {
  if (!values::IsUuid(id)) return absl::NotFoundError("user not found");
  auto rows = tx.Exec(sql::kUsersSetDisabled, id, disabled);
  if (rows.empty()) return absl::NotFoundError("user not found");
  return StoredUserFromRow(rows[0]);
}

absl::StatusOr<AccountState> PgAccountRepository::GetAccountState(db::Tx& tx,
                                                                  const std::string& id) {
  if (!values::IsUuid(id)) return absl::NotFoundError("user not found");
  auto rows = tx.Exec(sql::kUsersAccountState, id);
  if (rows.empty()) return absl::NotFoundError("user not found");
  return AccountState{rows[0]["disabled"].as<bool>(), rows[0]["token_version"].as<int32_t>()};
}

absl::StatusOr<std::string> PgAccountRepository::OrganizationCountry(db::Tx& tx,
                                                                     const std::string& id) {
  if (!values::IsUuid(id)) return std::string();
  auto rows = tx.Exec(sql::kUsersOrganizationCountry, id);
  if (rows.empty()) return std::string();
  return rows[0]["country"].as<std::string>();
}

absl::Status PgAccountRepository::EndSessions(db::Tx& tx, const std::string& user_id) {
  tx.Exec(sql::kRefreshTokensRevokeUser, user_id);
  return absl::OkStatus();
}

}  // namespace iris::membership::storage
