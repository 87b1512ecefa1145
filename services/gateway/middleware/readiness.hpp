// Readiness of the gateway: draining, membership serving, Redis reachable (degraded if not).
#pragma once

#include <atomic>
#include <chrono>

#include <nlohmann/json.hpp>

#include "libs/metrics/metrics.hpp"
#include "libs/redis/redis.hpp"
#include "services/gateway/clients/membership_client.hpp"

namespace iris::gateway {

// /readyz answers 503 while draining or while membership does not serve: traffic should go
// elsewhere. Redis only holds what may be lost (ARCHITECTURE.md §5): without it the API keeps
// serving, so /readyz stays 200 and reports "degraded", and iris_dependency_up{redis} drops.
class Readiness {
 public:
  Readiness(MembershipClient& membership, iris::redis::Redis& redis,
            iris::metrics::Metrics& metrics);

  struct Report {
    int http_status = 200;
    nlohmann::json body;
  };
  Report Check();
  void SetDraining() { draining_ = true; }

 private:
  MembershipClient& membership_;
  iris::redis::Redis& redis_;
  prometheus::Gauge& membership_up_;
  prometheus::Gauge& redis_up_;
  std::atomic<bool> draining_{false};
};

}  // namespace iris::gateway
