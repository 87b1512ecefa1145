// Readiness of the gateway: serving unless draining; each upstream and Redis reported.
#pragma once

#include <atomic>
#include <chrono>
#include <vector>

#include <nlohmann/json.hpp>

#include "libs/metrics/metrics.hpp"
#include "libs/redis/redis.hpp"
#include "services/gateway/clients/upstream.hpp"

namespace iris::gateway {

// /readyz answers 503 only while draining: a balancer should then send traffic elsewhere. A
// service that is down is not a reason to take the gateway out of rotation (ARCHITECTURE.md §5:
// only that service's routes fail, with 503 problems and Retry-After), and neither is Redis,
// which holds only what may be lost. Both show in the body ("degraded", checks.<name> "down")
// and in iris_dependency_up{dependency="<name>"}.
class Readiness {
 public:
  Readiness(Upstreams& upstreams, iris::redis::Redis& redis, iris::metrics::Metrics& metrics);

  struct Report {
    int http_status = 200;
    nlohmann::json body;
  };
  Report Check();
  void SetDraining() { draining_ = true; }

 private:
  struct Probe {
    Upstream* upstream;
    prometheus::Gauge* up;
  };
  std::vector<Probe> probes_;
  iris::redis::Redis& redis_;
  prometheus::Gauge& redis_up_;
  std::atomic<bool> draining_{false};
};

}  // namespace iris::gateway
