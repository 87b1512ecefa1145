#include "services/notifications/app/mail_worker.hpp"

#include "absl/strings/str_cat.h"
#include "libs/log/log.hpp"
#include "services/notifications/domain/mail_content.hpp"
#include "services/notifications/domain/mail_format.hpp"

namespace iris::notifications::app {

std::vector<std::chrono::milliseconds> DefaultMailBackoff() {
  using std::chrono::hours;
  using std::chrono::minutes;
  using std::chrono::seconds;
  return {seconds(30), minutes(2), minutes(10), hours(1), hours(2), hours(4), hours(8), hours(8)};
}

MailWorker::MailWorker(db::Pool& pool, storage::MailRepository& repo, MailSender& sender,
                       domain::MailTemplates templates, Wakeup& wakeup, metrics::Metrics& metrics,
                       MailWorkerOptions options)
    : pool_(pool),
      repo_(repo),
      sender_(sender),
      templates_(std::move(templates)),
      wakeup_(wakeup),
      sent_(metrics.Counter("iris_mail_sent_total", "Mails accepted by the SMTP server or written",
                            {})),
      failures_(metrics.Counter("iris_mail_failures_total",
                                "Mail attempts that failed (retried later or given up)", {})),
      options_(std::move(options)) {}

MailWorker::~MailWorker() { Stop(); }

void MailWorker::Start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { Loop(); });
}

void MailWorker::Stop() {
  wakeup_.Stop();
  if (thread_.joinable()) thread_.join();
}

void MailWorker::Loop() {
  do {
    // Drain: a full batch suggests more is due.
    while (!wakeup_.stopped()) {
      auto n = RunOnce();
      if (!n.ok()) {
        log::Warn("mail worker: claiming due mail failed", {{"error", n.status().ToString()}});
        break;
      }
      if (*n < options_.batch) break;
    }
  } while (wakeup_.Wait(options_.poll));
}

absl::StatusOr<int> MailWorker::RunOnce() {
  auto items = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<std::vector<domain::MailItem>> {
    return repo_.ClaimDue(tx, options_.batch, options_.lease);
  });
  if (!items.ok()) return items.status();
  std::vector<std::string> unsent;
  for (const domain::MailItem& item : *items) {
    if (wakeup_.stopped()) {
      unsent.push_back(item.id);
    } else if (auto s = Deliver(item); !s.ok()) {
      log::Warn("mail worker: recording an outcome failed",
                {{"mail_id", item.id}, {"error", s.ToString()}});
    }
  }
  // Stopping: what this replica claimed and did not send goes back at once, rather than
  // waiting out the lease while other replicas could send it.
  if (!unsent.empty()) {
    auto released = pool_.Write([&](db::Tx& tx) { return repo_.Release(tx, unsent); });
    if (!released.ok()) {
      log::Warn("mail worker: cannot hand back claimed mail; it comes due when the lease runs out",
                {{"error", released.ToString()}});
    }
  }
  return static_cast<int>(items->size());
}

absl::Status MailWorker::Deliver(const domain::MailItem& item) {
  if (item.email.empty() || !domain::IsMailAddress(item.email)) {
    failures_.Increment();
    return pool_.Write([&](db::Tx& tx) {
      return repo_.MarkFailed(tx, item.id,
                              item.email.empty() ? "no active recipient with an email address"
                                                 : "the recipient's email address is not usable");
    });
  }
  const domain::RenderedMail rendered = RenderMail(templates_, item, options_.public_base_url);
  const domain::OutgoingMail mail{.id = item.id,
                                  .from_address = options_.from_address,
                                  .from_name = options_.from_name,
                                  .to_address = item.email,
                                  .to_name = item.name,
                                  .subject = rendered.subject,
                                  .body = rendered.body,
                                  .language = rendered.language,
                                  .date = std::chrono::time_point_cast<std::chrono::microseconds>(
                                      std::chrono::system_clock::now())};
  const absl::Status sent = sender_.Send(mail, domain::ComposeMail(mail));
  if (sent.ok()) {
    sent_.Increment();
    return pool_.Write([&](db::Tx& tx) { return repo_.MarkSent(tx, item.id); });
  }
  failures_.Increment();
  const std::string error(sent.message());
  const size_t attempt = static_cast<size_t>(item.attempts);  // failed so far, before this one
  if (!absl::IsUnavailable(sent) || attempt >= options_.backoff.size()) {
    log::Warn("mail given up",
              {{"mail_id", item.id}, {"attempts", item.attempts + 1}, {"error", error}});
    return pool_.Write([&](db::Tx& tx) { return repo_.MarkFailed(tx, item.id, error); });
  }
  log::Info("mail refused, retrying later",
            {{"mail_id", item.id}, {"attempts", item.attempts + 1}, {"error", error}});
  return pool_.Write(
      [&](db::Tx& tx) { return repo_.MarkRetry(tx, item.id, options_.backoff[attempt], error); });
}

}  // namespace iris::notifications::app
