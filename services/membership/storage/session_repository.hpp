// Refresh tokens of browser sessions (V009): the storage app::SessionUseCases needs.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "services/membership/domain/account.hpp"

namespace iris::membership::storage {

// A stored refresh token, as a refresh finds it (locked).
struct StoredRefreshToken {
  std::string id;
  std::string family_id;
  std::string user_id;
  bool used = false;
  bool revoked = false;
  bool expired = false;
  int32_t token_version = 1;  // the account's when the token was issued
};

// What an insert made: when the token expires.
struct IssuedRefreshToken {
  domain::Time expires_at;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  // A token of `family_id`, or of a new session when it is empty, issued under the account's
  // `token_version`.
  virtual absl::StatusOr<IssuedRefreshToken> Insert(db::Tx& tx, const std::string& family_id,
                                                    const std::string& user_id,
                                                    const std::string& token_hash,
                                                    std::chrono::seconds lifetime,
                                                    int32_t token_version) = 0;
  // Waits for and takes the transaction's lock on the session of the token with this hash
  // (nothing when no token has it). Call it before FindForUpdate in every transaction that may
  // change a session.
  virtual absl::Status LockSession(db::Tx& tx, const std::string& token_hash) = 0;
  // The token with this hash, locked FOR UPDATE, or nullopt.
  virtual absl::StatusOr<std::optional<StoredRefreshToken>> FindForUpdate(
      db::Tx& tx, const std::string& token_hash) = 0;
  virtual absl::Status MarkUsed(db::Tx& tx, const std::string& id) = 0;
  virtual absl::Status RevokeFamily(db::Tx& tx, const std::string& family_id) = 0;
};

}  // namespace iris::membership::storage
