// The webhook sender: threads that take due deliveries (FOR UPDATE SKIP LOCKED, leased, so
// threads and replicas share them; several, so one slow receiver does not hold up the rest), signs
// each attempt (Standard Webhooks, with the rotated-out secret too while it lives), POSTs it to the
// checked address and records the attempt: 2xx succeeded, 410 disables the endpoint, anything else
// waits per IRIS_WEBHOOK_RETRY_SCHEDULE, then dead-letters. Woken by the intake's fan-out, and
// polling for the rest.
#pragma once

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/histogram.h>

#include "libs/db/pool.hpp"
#include "libs/metrics/metrics.hpp"
#include "services/notifications/app/wakeup.hpp"
#include "services/notifications/app/webhook_secret_box.hpp"
#include "services/notifications/app/webhook_url_guard.hpp"
#include "services/notifications/storage/webhook_repository.hpp"

namespace iris::notifications::app {

struct WebhookSenderSettings {
  std::vector<std::chrono::milliseconds> retry_schedule;
  std::chrono::milliseconds timeout{10000};
  std::chrono::milliseconds poll{500};
  int batch = 16;
  int senders = 4;  // threads, each claiming its own batches
};

// The settings from IRIS_WEBHOOK_RETRY_SCHEDULE's text and the rest; a bad schedule throws
// std::invalid_argument with the line the service stops with.
WebhookSenderSettings WebhookSenderSettingsOf(std::string_view retry_schedule,
                                              std::chrono::milliseconds timeout,
                                              std::chrono::milliseconds poll, int senders);

class WebhookSender {
 public:
  WebhookSender(db::Pool& pool, storage::WebhookRepository& repo, const WebhookSecretBox& box,
                const WebhookUrlGuard& guard, WebhookSenderSettings settings, Wakeup& wakeup,
                metrics::Metrics& metrics);
  ~WebhookSender();
  WebhookSender(const WebhookSender&) = delete;
  WebhookSender& operator=(const WebhookSender&) = delete;

  void Start();
  // Stops the threads after their current attempts (Wakeup::Stop ends the wait).
  void Stop();
  // One round: claims a batch and sends it. The number of deliveries attempted.
  int RunOnce();

 private:
  void Loop();
  void Send(const storage::DueDelivery& d);
  void Count(const char* result);

  db::Pool& pool_;
  storage::WebhookRepository& repo_;
  const WebhookSecretBox& box_;
  const WebhookUrlGuard& guard_;
  const WebhookSenderSettings settings_;
  Wakeup& wakeup_;
  metrics::Metrics& metrics_;
  prometheus::Histogram& attempt_seconds_;
  std::vector<std::thread> threads_;
};

}  // namespace iris::notifications::app
