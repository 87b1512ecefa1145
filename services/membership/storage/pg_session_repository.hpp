// SessionRepository on Postgres (membership.refresh_tokens).
#pragma once

#include "services/membership/storage/session_repository.hpp"

namespace iris::membership::storage {

class PgSessionRepository final : public SessionRepository {
 public:
  absl::StatusOr<IssuedRefreshToken> Insert(db::Tx& tx, const std::string& family_id,
                                            const std::string& user_id,
                                            const std::string& token_hash,
                                            std::chrono::seconds lifetime,
                                            int32_t token_version) override;
  absl::Status LockSession(db::Tx& tx, const std::string& token_hash) override;
  absl::StatusOr<std::optional<StoredRefreshToken>> FindForUpdate(
      db::Tx& tx, const std::string& token_hash) override;
  absl::Status MarkUsed(db::Tx& tx, const std::string& id) override;
  absl::Status RevokeFamily(db::Tx& tx, const std::string& family_id) override;
};

}  // namespace iris::membership::storage
