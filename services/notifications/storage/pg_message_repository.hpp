// MessageRepository over notifications.messages, recipients, deadlines and the fan-out tables.
#pragma once

#include "services/notifications/storage/message_repository.hpp"

namespace iris::notifications::storage {

class PgMessageRepository final : public MessageRepository {
 public:
  absl::Status LockIntake(db::Tx& tx) override;
  absl::StatusOr<bool> Insert(db::Tx& tx, const domain::StoredMessage& m) override;
  absl::Status UpsertRecipient(db::Tx& tx, const domain::RecipientUpdate& r) override;
  absl::Status ApplyDeadline(db::Tx& tx, const domain::DeadlineChange& d) override;
  absl::StatusOr<FanOutCounts> FanOut(db::Tx& tx, const std::vector<std::string>& ids) override;
  absl::StatusOr<std::vector<domain::FeedChange>> ListChanges(db::Tx& tx, int64_t after,
                                                              int limit) override;
};

}  // namespace iris::notifications::storage
