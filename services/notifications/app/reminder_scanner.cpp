#include "services/notifications/app/reminder_scanner.hpp"

#include <vector>

#include "libs/log/log.hpp"
#include "libs/status/status.hpp"
#include "services/notifications/domain/reminder.hpp"

namespace iris::notifications::app {

ReminderScanner::ReminderScanner(db::Pool& pool, storage::ReminderRepository& repo,
                                 MessageIntake& intake, ReminderOptions options)
    : pool_(pool), repo_(repo), intake_(intake), options_(options) {}

ReminderScanner::~ReminderScanner() { Stop(); }

void ReminderScanner::Start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { Loop(); });
}

void ReminderScanner::Stop() {
  stop_.Stop();
  if (thread_.joinable()) thread_.join();
}

void ReminderScanner::Loop() {
  do {
    if (auto n = RunOnce(); !n.ok()) {
      log::Warn("reminder scan failed", {{"error", n.status().ToString()}});
    }
  } while (stop_.Wait(options_.every));
}

absl::StatusOr<int> ReminderScanner::RunOnce() {
  auto due = pool_.Read([&](db::Tx& tx) { return repo_.Due(tx, options_.lead, options_.batch); });
  if (!due.ok()) return due.status();
  if (due->empty()) return 0;
  const auto now =
      std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  std::vector<domain::Message> messages;
  messages.reserve(due->size());
  for (const domain::Deadline& d : *due) messages.push_back(domain::ReminderMessage(d, now));
  // Stored first, marked after: a crash in between repeats the reminder with the same id,
  // which the intake takes as a duplicate, so nobody is reminded twice.
  auto accepted = intake_.Accept(messages);
  if (!accepted.ok()) return accepted.status();
  IRIS_RETURN_IF_ERROR(pool_.Write([&](db::Tx& tx) -> absl::Status {
    for (const domain::Deadline& d : *due) IRIS_RETURN_IF_ERROR(repo_.MarkReminded(tx, d));
    return absl::OkStatus();
  }));
  log::Info("reminders handed to the intake",
            {{"count", messages.size()}, {"stored", accepted->stored}});
  return static_cast<int>(messages.size());
}

}  // namespace iris::notifications::app
