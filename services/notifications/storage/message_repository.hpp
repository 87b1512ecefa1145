// What the intake and the change feed need from storage: messages stored once by id, the
// people and deadlines learnt from them, and the set-based fan-out of new messages.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "services/notifications/domain/inbox.hpp"
#include "services/notifications/domain/intake_rules.hpp"

namespace iris::notifications::storage {

// What one fan-out added.
struct FanOutCounts {
  int64_t inbox = 0;
  int64_t mail = 0;
  int64_t webhooks = 0;
};

class MessageRepository {
 public:
  virtual ~MessageRepository() = default;
  // The intake's transaction-level lock: intakes run one at a time, so seq is commit order.
  virtual absl::Status LockIntake(db::Tx& tx) = 0;
  // Stores the message unless one with its id exists; true when it was new.
  virtual absl::StatusOr<bool> Insert(db::Tx& tx, const domain::StoredMessage& m) = 0;
  virtual absl::Status UpsertRecipient(db::Tx& tx, const domain::RecipientUpdate& r) = 0;
  virtual absl::Status ApplyDeadline(db::Tx& tx, const domain::DeadlineChange& d) = 0;
  // Inbox items, mails and webhook deliveries of the messages `ids` (all stored in `tx`).
  virtual absl::StatusOr<FanOutCounts> FanOut(db::Tx& tx, const std::vector<std::string>& ids) = 0;
  // The feed after `after`, `limit` changes in seq order.
  virtual absl::StatusOr<std::vector<domain::FeedChange>> ListChanges(db::Tx& tx, int64_t after,
                                                                      int limit) = 0;
};

}  // namespace iris::notifications::storage
