#include "services/membership/storage/pg_session_repository.hpp"

#include "libs/db/values.hpp"
#include "membership_sql.hpp"

namespace iris::membership::storage {

absl::StatusOr<IssuedRefreshToken> PgSessionRepository::Insert(
    db::Tx& tx, const std::string& family_id, const std::string& user_id,
    const std::string& token_hash, std::chrono::seconds lifetime, int32_t token_version) {
  auto rows = tx.Exec(sql::kRefreshTokensInsert, family_id, user_id, token_hash,
                      static_cast<int64_t>(lifetime.count()), token_version);
  return IssuedRefreshToken{db::TimeOf(rows[0]["expires_at_us"])};
}

absl::Status PgSessionRepository::LockSession(db::Tx& tx, const std::string& token_hash) {
  tx.Exec(sql::kRefreshTokensLockSession, token_hash);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<StoredRefreshToken>> PgSessionRepository::FindForUpdate(
    db::Tx& tx, const std::string& token_hash) {
  auto rows = tx.Exec(sql::kRefreshTokensFindForUpdate, token_hash);
  if (rows.empty()) return std::optional<StoredRefreshToken>();
  const auto& r = rows[0];
  return std::optional<StoredRefreshToken>(StoredRefreshToken{
      .id = r["id"].as<std::string>(),
      .family_id = r["family_id"].as<std::string>(),
      .user_id = r["user_id"].as<std::string>(),
      .used = r["used"].as<bool>(),
      .revoked = r["revoked"].as<bool>(),
      .expired = r["expired"].as<bool>(),
      .token_version = r["token_version"].as<int32_t>(),
  });
}

absl::Status PgSessionRepository::MarkUsed(db::Tx& tx, const std::string& id) {
  tx.Exec(sql::kRefreshTokensMarkUsed, id);
  return absl::OkStatus();
}

absl::Status PgSessionRepository::RevokeFamily(db::Tx& tx, const std::string& family_id) {
  tx.Exec(sql::kRefreshTokensRevokeFamily, family_id);
  return absl::OkStatus();
}

}  // namespace iris::membership::storage
