#include "services/notifications/app/webhook_sender.hpp"

#include <algorithm>
#include <stdexcept>

#include "libs/log/log.hpp"
#include "libs/status/status.hpp"
#include "services/notifications/app/curl_init.hpp"
#include "services/notifications/app/webhook_http.hpp"
#include "services/notifications/domain/webhook_schedule.hpp"
#include "services/notifications/domain/webhook_signature.hpp"

namespace iris::notifications::app {
namespace {

prometheus::Histogram& AttemptHistogram(metrics::Metrics& m) {
  auto& family = prometheus::BuildHistogram()
                     .Name("iris_webhook_attempt_duration_seconds")
                     .Help("Duration of one webhook delivery attempt, connect to answer")
                     .Register(m.registry());
  return family.Add({{"service", "notifications"}},
                    prometheus::Histogram::BucketBoundaries{0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                            0.5, 1, 2.5, 5, 10, 30});
}

}  // namespace

WebhookSenderSettings WebhookSenderSettingsOf(std::string_view retry_schedule,
                                              std::chrono::milliseconds timeout,
                                              std::chrono::milliseconds poll, int senders) {
  auto schedule = domain::ParseRetrySchedule(retry_schedule);
  if (!schedule.ok()) throw std::invalid_argument(std::string(schedule.status().message()));
  return {.retry_schedule = *std::move(schedule),
          .timeout = timeout,
          .poll = poll,
          .batch = 16,
          .senders = senders};
}

WebhookSender::WebhookSender(db::Pool& pool, storage::WebhookRepository& repo,
                             const WebhookSecretBox& box, const WebhookUrlGuard& guard,
                             WebhookSenderSettings settings, Wakeup& wakeup,
                             metrics::Metrics& metrics)
    : pool_(pool),
      repo_(repo),
      box_(box),
      guard_(guard),
      settings_(std::move(settings)),
      wakeup_(wakeup),
      metrics_(metrics),
      attempt_seconds_(AttemptHistogram(metrics)) {}

WebhookSender::~WebhookSender() { Stop(); }

void WebhookSender::Start() {
  if (!threads_.empty()) return;
  CurlGlobalInitOnce();
  for (int i = 0; i < std::max(1, settings_.senders); ++i)
    threads_.emplace_back([this] { Loop(); });
}

void WebhookSender::Stop() {
  wakeup_.Stop();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

void WebhookSender::Loop() {
  while (!wakeup_.stopped()) {
    int sent = 0;
    try {
      sent = RunOnce();
    } catch (const std::exception& e) {
      log::Error("webhook sender round failed", {{"error", e.what()}});
    }
    // A full batch: more may be due at once.
    if (sent >= settings_.batch) continue;
    if (!wakeup_.Wait(settings_.poll)) break;
  }
}

int WebhookSender::RunOnce() {
  // The lease covers every attempt of the batch (they go one after another, each up to the
  // timeout plus a name lookup) and their recording: a lease running out under a sender still
  // at work let another replica send the same delivery again. A sender that dies leaves its
  // deliveries due again when the lease runs out.
  const int64_t lease_ms =
      static_cast<int64_t>(settings_.batch) * (settings_.timeout.count() + 10'000) + 60'000;
  auto due = pool_.Write([&](db::Tx& tx) { return repo_.ClaimDue(tx, settings_.batch, lease_ms); });
  if (!due.ok()) {
    log::Warn("webhook sender cannot claim deliveries", {{"error", due.status().ToString()}});
    return 0;
  }
  std::vector<std::string> unsent;
  for (const auto& d : *due) {
    if (wakeup_.stopped()) {
      unsent.push_back(d.id);
    } else {
      Send(d);
    }
  }
  // Stopping: what this replica claimed and did not attempt goes back at once, rather than
  // waiting out the lease (minutes) while other replicas could send it.
  if (!unsent.empty()) {
    auto released = pool_.Write([&](db::Tx& tx) { return repo_.Release(tx, unsent); });
    if (!released.ok()) {
      log::Warn(
          "webhook sender cannot hand back its claimed deliveries; they come due when "
          "the lease runs out",
          {{"error", released.ToString()}});
    }
  }
  return static_cast<int>(due->size());
}

void WebhookSender::Count(const char* result) {
  metrics_
      .Counter("iris_webhook_deliveries_total", "Webhook delivery attempts by their result",
               {{"result", result}})
      .Increment();
}

void WebhookSender::Send(const storage::DueDelivery& d) {
  const auto started = std::chrono::steady_clock::now();
  HttpOutcome outcome;
  auto target = guard_.Check(d.url);  // again: DNS may answer otherwise than at creation
  auto secret = box_.Open(d.secret_sealed);
  if (!target.ok()) {
    outcome.error = "refused: the URL " + std::string(target.status().message());
  } else if (!secret.ok()) {
    outcome.error = std::string(secret.status().message());
  } else {
    const std::string body = domain::WebhookBody(d.type, d.occurred_at, d.subject_id, d.payload);
    const int64_t timestamp = std::chrono::duration_cast<std::chrono::seconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count();
    std::vector<std::string> signatures;
    if (auto sig = domain::SignWebhook(*secret, d.message_id, timestamp, body); sig.ok()) {
      signatures.push_back(*sig);
    }
    if (!d.previous_secret_sealed.empty()) {
      if (auto previous = box_.Open(d.previous_secret_sealed); previous.ok()) {
        if (auto sig = domain::SignWebhook(*previous, d.message_id, timestamp, body); sig.ok()) {
          signatures.push_back(*sig);
        }
      }
    }
    outcome = PostWebhook(d.url, *target,
                          {"Content-Type: application/json", "webhook-id: " + d.message_id,
                           "webhook-timestamp: " + std::to_string(timestamp),
                           "webhook-signature: " + domain::SignatureHeader(signatures)},
                          body, settings_.timeout);
  }
  const auto elapsed = std::chrono::steady_clock::now() - started;
  attempt_seconds_.Observe(std::chrono::duration<double>(elapsed).count());
  const int duration_ms =
      static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count());

  std::string status = "failed";
  int64_t retry_in_ms = 0;
  const bool gone = outcome.status == 410;
  const char* result = "failed";
  if (outcome.status >= 200 && outcome.status < 300) {
    status = "succeeded";
    result = "succeeded";
  } else if (gone) {
    result = "gone";
  } else if (auto delay = domain::RetryDelay(settings_.retry_schedule, d.attempt_count + 1)) {
    status = "pending";
    retry_in_ms = delay->count();
    result = "retry";
  }
  if (outcome.error.empty() && status != "succeeded") {
    outcome.error = "the endpoint answered " + std::to_string(outcome.status);
  }
  auto recorded = pool_.Write([&](db::Tx& tx) -> absl::Status {
    IRIS_RETURN_IF_ERROR(repo_.RecordAttempt(tx, d.id, status, outcome.status, outcome.error,
                                             duration_ms, retry_in_ms));
    if (gone) {
      IRIS_RETURN_IF_ERROR(repo_.Disable(tx, d.endpoint_id, "the endpoint answered 410 Gone"));
    }
    return absl::OkStatus();
  });
  if (!recorded.ok()) {
    log::Warn("webhook attempt not recorded",
              {{"delivery_id", d.id}, {"error", recorded.ToString()}});
  }
  Count(result);
}

}  // namespace iris::notifications::app
