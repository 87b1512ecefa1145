#include "services/gateway/middleware/readiness.hpp"

namespace iris::gateway {

using namespace std::chrono_literals;

Readiness::Readiness(MembershipClient& membership, iris::redis::Redis& redis,
                     iris::metrics::Metrics& metrics)
    : membership_(membership),
      redis_(redis),
      membership_up_(metrics.Gauge("iris_dependency_up", "1 when the dependency answers",
                                   {{"dependency", "membership"}})),
      redis_up_(metrics.Gauge("iris_dependency_up", "1 when the dependency answers",
                              {{"dependency", "redis"}})) {}

Readiness::Report Readiness::Check() {
  const bool membership_ok = membership_.Health(500ms).ok();
  const bool redis_ok = redis_.Ping().ok();
  membership_up_.Set(membership_ok ? 1 : 0);
  redis_up_.Set(redis_ok ? 1 : 0);
  Report r;
  std::string status = "ready";
  if (draining_) {
    status = "draining";
  } else if (!membership_ok) {
    status = "unavailable";
  } else if (!redis_ok) {
    status = "degraded";
  }
  r.http_status = (draining_ || !membership_ok) ? 503 : 200;
  r.body = {{"status", status},
            {"checks",
             {{"membership", membership_ok ? "up" : "down"},
              {"redis", redis_ok ? "up" : "down"}}}};
  return r;
}

}  // namespace iris::gateway
