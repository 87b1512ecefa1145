// What the reminder scanner needs from storage: deadlines whose reminder is due, and marking
// one reminded.
#pragma once

#include <chrono>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "services/notifications/domain/reminder.hpp"

namespace iris::notifications::storage {

class ReminderRepository {
 public:
  virtual ~ReminderRepository() = default;
  // Not reminded, not passed, due within `lead`; at most `limit`, soonest first.
  virtual absl::StatusOr<std::vector<domain::Deadline>> Due(db::Tx& tx, std::chrono::seconds lead,
                                                            int limit) = 0;
  // Marks this deadline (same kind, subject and due_at) reminded; a moved one stays due.
  virtual absl::Status MarkReminded(db::Tx& tx, const domain::Deadline& d) = 0;
};

}  // namespace iris::notifications::storage
