// The reminder scanner: a thread that, every IRIS_REMINDER_SCAN_SECONDS, turns each deadline
// due within IRIS_REMINDER_LEAD into its reminder message and hands it to the intake (which
// fans it out to inboxes and mail like any message), then marks the deadline reminded.
#pragma once

#include <chrono>
#include <functional>
#include <thread>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "services/notifications/app/message_intake.hpp"
#include "services/notifications/app/wakeup.hpp"
#include "services/notifications/storage/reminder_repository.hpp"

namespace iris::notifications::app {

struct ReminderOptions {
  std::chrono::seconds lead{72 * 3600};  // IRIS_REMINDER_LEAD
  std::chrono::seconds every{60};        // IRIS_REMINDER_SCAN_SECONDS
  int batch = 100;
};

class ReminderScanner {
 public:
  ReminderScanner(db::Pool& pool, storage::ReminderRepository& repo, MessageIntake& intake,
                  ReminderOptions options);
  ~ReminderScanner();  // stops and joins the thread
  ReminderScanner(const ReminderScanner&) = delete;
  ReminderScanner& operator=(const ReminderScanner&) = delete;

  // Starts the thread: a scan at once, then one every `every`, until Stop.
  void Start();
  void Stop();

  // One scan: returns how many reminders were handed to the intake (duplicates included).
  absl::StatusOr<int> RunOnce();

 private:
  void Loop();

  db::Pool& pool_;
  storage::ReminderRepository& repo_;
  MessageIntake& intake_;
  const ReminderOptions options_;
  Wakeup stop_;  // Stop() ends the wait between scans at once
  std::thread thread_;
};

}  // namespace iris::notifications::app
