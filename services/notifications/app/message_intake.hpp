// The one way a message enters notifications: Publish (a service's relay) and the reminder
// scanner (notifications' own reminders) both hand messages here. Stores each once by id and
// fans it out in the same transaction (inbox items, mails to send, webhook deliveries; the
// change feed is the message table itself).
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "services/notifications/domain/message.hpp"

namespace iris::notifications::app {

struct IntakeResult {
  int stored = 0;      // new messages
  int duplicates = 0;  // stored before: nothing done again
};

class MessageIntake {
 public:
  virtual ~MessageIntake() = default;
  // All or nothing: one transaction for the batch, in the order given.
  virtual absl::StatusOr<IntakeResult> Accept(const std::vector<domain::Message>& messages) = 0;
};

}  // namespace iris::notifications::app
