// What gateway middleware that keeps its state in Redis (rate limits, idempotency keys, sign-in
// limits) does when Redis does not answer: the request is served anyway (fail open), a counter
// says how many were, and the outage is logged once when it starts and once when it ends — not
// per request. One copy of that policy instead of one per middleware.
#pragma once

#include <atomic>
#include <string>

#include "absl/status/status.h"
#include "libs/log/log.hpp"
#include "libs/metrics/metrics.hpp"

namespace iris::gateway {

class FailOpen {
 public:
  // `what`: what goes unenforced while Redis is down, for the log ("rate limits").
  FailOpen(iris::metrics::Metrics& metrics, const std::string& counter, const std::string& help,
           std::string what)
      : counter_(metrics.Counter(counter, help, {})), what_(std::move(what)) {}

  // A request served without its check.
  void Failed(const absl::Status& why) {
    counter_.Increment();
    if (!outage_.exchange(true)) {
      iris::log::Warn(what_ + " not applied: Redis did not answer",
                      {{"error", std::string(why.message())}});
    }
  }
  // A check that Redis answered: ends an outage.
  void Succeeded() {
    if (outage_.load(std::memory_order_relaxed) && outage_.exchange(false)) {
      iris::log::Info(what_ + " applied again: Redis answers");
    }
  }

 private:
  prometheus::Counter& counter_;
  const std::string what_;
  std::atomic<bool> outage_{false};
};

}  // namespace iris::gateway
