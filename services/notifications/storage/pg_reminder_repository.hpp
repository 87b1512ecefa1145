// ReminderRepository on notifications.deadlines (storage/sql/deadlines_due.sql, _mark_reminded).
#pragma once

#include "services/notifications/storage/reminder_repository.hpp"

namespace iris::notifications::storage {

class PgReminderRepository : public ReminderRepository {
 public:
  absl::StatusOr<std::vector<domain::Deadline>> Due(db::Tx& tx, std::chrono::seconds lead,
                                                    int limit) override;
  absl::Status MarkReminded(db::Tx& tx, const domain::Deadline& d) override;
};

}  // namespace iris::notifications::storage
