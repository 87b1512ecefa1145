#include "services/membership/storage/pg_account_repository.hpp"

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "libs/db/values.hpp"
#include "membership_sql.hpp"

namespace iris::membership::storage {
namespace {

std::optional<std::string> OptionalText(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

std::vector<std::string> SplitScopes(const pqxx::field& f) {
  return absl::StrSplit(f.as<std::string>(), ',', absl::SkipEmpty());
}

// Columns: id, email, name, role, organization_id, country[, version, created, updated].
domain::User ToUser(const pqxx::row& r, bool full) {
  domain::User u;
  u.id = r[0].as<std::string>();
  u.email = r[1].as<std::string>();
  u.name = r[2].as<std::string>();
  u.role = r[3].as<std::string>();
  u.organization_id = OptionalText(r[4]);
  u.country = OptionalText(r[5]);
  if (full) {
    u.version = r[6].as<int64_t>();
    u.created_at = db::TimeOf(r[7]);
    u.updated_at = db::TimeOf(r[8]);
  }
  return u;
}

}  // namespace

absl::StatusOr<domain::User> PgAccountRepository::InsertUser(db::Tx& tx, const domain::NewUser& u,
                                                             const std::string& password_hash) {
  auto rows = tx.Exec(sql::kUsersInsert, u.email, u.name, u.role, u.organization_id, u.country,
                      password_hash);
  return ToUser(rows[0], true);
}

absl::StatusOr<domain::User> PgAccountRepository::FindUser(db::Tx& tx, const std::string& id) {
  if (!domain::IsUuid(id)) return absl::NotFoundError("user not found");
  auto rows = tx.Exec(sql::kUsersFindById, id);
  if (rows.empty()) return absl::NotFoundError("user not found");
  return ToUser(rows[0], true);
}

absl::StatusOr<std::optional<Credentials>> PgAccountRepository::FindCredentials(
    db::Tx& tx, const std::string& email) {
  auto rows = tx.Exec(sql::kUsersFindCredentials, email);
  if (rows.empty()) return std::optional<Credentials>();
  return std::optional<Credentials>(
      Credentials{ToUser(rows[0], false), rows[0][6].as<std::string>()});
}

absl::StatusOr<std::optional<std::string>> PgAccountRepository::InsertFirstAdmin(
    db::Tx& tx, const std::string& email, const std::string& name,
    const std::string& password_hash) {
  tx.Exec(sql::kUsersLockBootstrap);
  auto rows = tx.Exec(sql::kUsersInsertFirstAdmin, email, name, password_hash);
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0][0].as<std::string>());
}

absl::Status PgAccountRepository::InsertApiKey(db::Tx& tx, domain::ApiKey& key,
                                               const std::string& key_hash) {
  auto rows = tx.Exec(sql::kApiKeysInsert, key.user_id, key.name, key.prefix, key_hash,
                      absl::StrJoin(key.scopes, ","));
  key.id = rows[0][0].as<std::string>();
  key.created_at = db::TimeOf(rows[0][1]);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<domain::ApiKey>> PgAccountRepository::ListApiKeys(
    db::Tx& tx, const std::optional<std::string>& user_id) {
  std::vector<domain::ApiKey> out;
  for (const auto& r : tx.Exec(sql::kApiKeysList, user_id)) {
    out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                   r[3].as<std::string>(), SplitScopes(r[4]), db::TimeOf(r[5])});
  }
  return out;
}

absl::StatusOr<std::string> PgAccountRepository::RevokeApiKey(
    db::Tx& tx, const std::string& id, const std::optional<std::string>& owner) {
  if (!domain::IsUuid(id)) return absl::NotFoundError("API key not found");
  auto rows = tx.Exec(sql::kApiKeysRevoke, id, owner);
  if (rows.empty()) return absl::NotFoundError("API key not found");
  return rows[0][0].as<std::string>();
}

absl::StatusOr<ResolvedKey> PgAccountRepository::ResolveApiKey(db::Tx& tx,
                                                               const std::string& key_hash) {
  auto rows = tx.Exec(sql::kApiKeysResolve, key_hash);
  if (rows.empty()) return absl::NotFoundError("API key not found");
  return ResolvedKey{ToUser(rows[0], false), SplitScopes(rows[0][6])};
}

}  // namespace iris::membership::storage
