// The mail worker: a thread that sends due mail_queue rows (one mail per message per
// recipient), in the recipient's language, through the MailSender, and records each outcome;
// a refused attempt is retried with backoff and given up after about a day.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/metrics/metrics.hpp"
#include "services/notifications/app/mail_sender.hpp"
#include "services/notifications/app/wakeup.hpp"
#include "services/notifications/domain/mail_template.hpp"
#include "services/notifications/storage/mail_repository.hpp"

namespace iris::notifications::app {

// The waits after the 1st, 2nd, ... failed attempt (RFC 5321 4.5.4.1 asks for at least 30
// minutes between tries and giving up after 4-5 days; a notification is stale long before, so
// about a day): 30 s, 2 min, 10 min, 1 h, 2 h, 4 h, 8 h, 8 h; then failed.
std::vector<std::chrono::milliseconds> DefaultMailBackoff();

struct MailWorkerOptions {
  std::string from_address;  // IRIS_MAIL_FROM
  std::string from_name = "IRIS";
  std::string public_base_url;          // IRIS_PUBLIC_BASE_URL
  std::chrono::milliseconds poll{500};  // IRIS_NOTIFICATIONS_POLL_MS
  std::vector<std::chrono::milliseconds> backoff = DefaultMailBackoff();
  int batch = 20;
  // A claimed mail is due again after this (its worker died); longer than a batch can take.
  std::chrono::seconds lease{900};
};

class MailWorker {
 public:
  MailWorker(db::Pool& pool, storage::MailRepository& repo, MailSender& sender,
             domain::MailTemplates templates, Wakeup& wakeup, metrics::Metrics& metrics,
             MailWorkerOptions options);
  ~MailWorker();  // stops and joins the thread
  MailWorker(const MailWorker&) = delete;
  MailWorker& operator=(const MailWorker&) = delete;

  // Starts the thread: a pass at once, then one per wakeup or poll, until Stop.
  void Start();
  void Stop();

  // One batch: claims due mails and sends them; returns how many were claimed.
  absl::StatusOr<int> RunOnce();

 private:
  void Loop();
  // Sends one claimed mail and records the outcome.
  absl::Status Deliver(const domain::MailItem& item);

  db::Pool& pool_;
  storage::MailRepository& repo_;
  MailSender& sender_;
  const domain::MailTemplates templates_;
  Wakeup& wakeup_;
  prometheus::Counter& sent_;
  prometheus::Counter& failures_;
  const MailWorkerOptions options_;
  std::thread thread_;
};

}  // namespace iris::notifications::app
