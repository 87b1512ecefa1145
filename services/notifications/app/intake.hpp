// The MessageIntake of notifications (brief §2): one transaction per batch, stores each message
// once by id, learns people and deadlines from the new ones and fans them out (inbox, mail,
// webhooks) set-based in the same transaction; wakes the mail and webhook workers after the
// commit when it gave them work.
#pragma once

#include "libs/db/pool.hpp"
#include "services/notifications/app/message_intake.hpp"
#include "services/notifications/app/wakeup.hpp"
#include "services/notifications/storage/message_repository.hpp"

namespace iris::notifications::app {

class Intake final : public MessageIntake {
 public:
  Intake(db::Pool& pool, storage::MessageRepository& messages, Wakeup& mail_wakeup,
         Wakeup& webhook_wakeup)
      : pool_(pool),
        messages_(messages),
        mail_wakeup_(mail_wakeup),
        webhook_wakeup_(webhook_wakeup) {}

  absl::StatusOr<IntakeResult> Accept(const std::vector<domain::Message>& messages) override;

 private:
  db::Pool& pool_;
  storage::MessageRepository& messages_;
  Wakeup& mail_wakeup_;
  Wakeup& webhook_wakeup_;
};

}  // namespace iris::notifications::app
