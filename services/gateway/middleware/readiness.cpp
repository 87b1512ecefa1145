#include "services/gateway/middleware/readiness.hpp"

#include <future>

namespace iris::gateway {

using namespace std::chrono_literals;

namespace {
constexpr const char* kHelp = "1 when the dependency answers";
}  // namespace

Readiness::Readiness(Upstreams& upstreams, iris::redis::Redis& redis,
                     iris::metrics::Metrics& metrics)
    : redis_(redis),
      redis_up_(metrics.Gauge("iris_dependency_up", kHelp, {{"dependency", "redis"}})) {
  for (const auto& u : upstreams.all()) {
    probes_.push_back(
        {u.get(), &metrics.Gauge("iris_dependency_up", kHelp, {{"dependency", u->name()}})});
  }
}

Readiness::Report Readiness::Check() {
  // The upstreams are asked at once, so a probe takes the slowest answer, not their sum.
  std::vector<std::future<bool>> answers;
  for (const auto& p : probes_) {
    answers.push_back(
        std::async(std::launch::async, [u = p.upstream] { return u->Health(500ms).ok(); }));
  }
  const bool redis_ok = redis_.Ping().ok();
  redis_up_.Set(redis_ok ? 1 : 0);
  nlohmann::json checks = nlohmann::json::object();
  bool all_up = redis_ok;
  for (size_t i = 0; i < probes_.size(); ++i) {
    const bool ok = answers[i].get();
    probes_[i].up->Set(ok ? 1 : 0);
    checks[probes_[i].upstream->name()] = ok ? "up" : "down";
    all_up = all_up && ok;
  }
  checks["redis"] = redis_ok ? "up" : "down";
  Report r;
  r.http_status = draining_ ? 503 : 200;
  r.body = {{"status", draining_ ? "draining" : (all_up ? "ready" : "degraded")},
            {"checks", checks}};
  return r;
}

}  // namespace iris::gateway
