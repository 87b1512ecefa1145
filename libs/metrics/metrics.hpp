// Prometheus metrics for one service: registry, /metrics exposer and the standard request series.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "absl/status/status.h"

namespace prometheus {
class Exposer;
}

namespace iris::metrics {

// Every series carries a constant `service` label, so dashboards can aggregate across services
// without relying on scrape-target labels.
class Metrics {
 public:
  explicit Metrics(std::string service);
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Serves /metrics on e.g. "0.0.0.0:9464" until destruction. Call once, at startup.
  // A taken port (or a second call) is FAILED_PRECONDITION naming the address.
  absl::Status Serve(const std::string& bind_address);

  prometheus::Registry& registry() { return *registry_; }

  // iris_requests_total{kind,route,method,status} and iris_request_duration_seconds{kind,route,
  // method}. `route` must be the route template ("/v1/organizations/{id}"), never the raw path:
  // each distinct value is a new series.
  void ObserveRequest(std::string_view kind, std::string_view route, std::string_view method,
                      int status, double seconds);

  // Ad-hoc series, e.g. iris_redis_failures_total. Families are created on first use and looked
  // up by name afterwards. Invalid names, or a name already used by another metric type, throw
  // std::invalid_argument: a programming error, caught in the first test run.
  prometheus::Counter& Counter(const std::string& name, const std::string& help,
                               const std::map<std::string, std::string>& labels);
  prometheus::Gauge& Gauge(const std::string& name, const std::string& help,
                           const std::map<std::string, std::string>& labels);

  // Request-duration buckets in seconds: 0.5 ms to 5 s.
  static const prometheus::Histogram::BucketBoundaries& DurationBuckets();

 private:
  const std::string service_;
  const std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& durations_;

  std::mutex mu_;
  // Label combinations already added, keyed by their joined values; guarded by mu_.
  std::unordered_map<std::string, prometheus::Counter*> request_counts_;
  std::unordered_map<std::string, prometheus::Histogram*> request_durations_;
  std::map<std::string, prometheus::Family<prometheus::Counter>*> counters_;
  std::map<std::string, prometheus::Family<prometheus::Gauge>*> gauges_;

  std::unique_ptr<prometheus::Exposer> exposer_;
};

}  // namespace iris::metrics
