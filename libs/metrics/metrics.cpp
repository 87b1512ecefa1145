#include "libs/metrics/metrics.hpp"

#include <exception>
#include <utility>

#include <prometheus/exposer.h>

namespace iris::metrics {
namespace {

// Joined with a byte that cannot appear in route templates or HTTP methods.
std::string Key(std::string_view kind, std::string_view route, std::string_view method) {
  std::string key;
  key.reserve(kind.size() + route.size() + method.size() + 2);
  key.append(kind).append(1, '\x1f').append(route).append(1, '\x1f').append(method);
  return key;
}

}  // namespace

const prometheus::Histogram::BucketBoundaries& Metrics::DurationBuckets() {
  static const prometheus::Histogram::BucketBoundaries kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
  return kBuckets;
}

Metrics::Metrics(std::string service)
    : service_(std::move(service)),
      registry_(std::make_shared<prometheus::Registry>()),
      requests_(prometheus::BuildCounter()
                    .Name("iris_requests_total")
                    .Help("Requests handled, by route and status")
                    .Labels({{"service", service_}})
                    .Register(*registry_)),
      durations_(prometheus::BuildHistogram()
                     .Name("iris_request_duration_seconds")
                     .Help("Request handling time in seconds, by route")
                     .Labels({{"service", service_}})
                     .Register(*registry_)) {}

Metrics::~Metrics() = default;

absl::Status Metrics::Serve(const std::string& bind_address) {
  if (exposer_ != nullptr) {
    return absl::FailedPreconditionError("metrics are already served; not also on " + bind_address);
  }
  try {
    auto exposer = std::make_unique<prometheus::Exposer>(bind_address);
    exposer->RegisterCollectable(registry_);
    exposer_ = std::move(exposer);
  } catch (const std::exception& e) {
    // civetweb reports a taken port (and a malformed address) by throwing.
    return absl::FailedPreconditionError("cannot serve metrics on " + bind_address + ": " +
                                         e.what());
  }
  return absl::OkStatus();
}

void Metrics::ObserveRequest(std::string_view kind, std::string_view route, std::string_view method,
                             int status, double seconds) {
  std::string key = Key(kind, route, method);
  std::string status_text = std::to_string(status);
  prometheus::Histogram* duration = nullptr;
  prometheus::Counter* count = nullptr;
  {
    std::lock_guard lock(mu_);
    auto d = request_durations_.find(key);
    if (d == request_durations_.end()) {
      auto& h = durations_.Add({{"kind", std::string(kind)},
                                {"route", std::string(route)},
                                {"method", std::string(method)}},
                               DurationBuckets());
      d = request_durations_.emplace(key, &h).first;
    }
    duration = d->second;
    key.append(1, '\x1f').append(status_text);
    auto c = request_counts_.find(key);
    if (c == request_counts_.end()) {
      auto& counter = requests_.Add({{"kind", std::string(kind)},
                                     {"route", std::string(route)},
                                     {"method", std::string(method)},
                                     {"status", status_text}});
      c = request_counts_.emplace(std::move(key), &counter).first;
    }
    count = c->second;
  }
  // Counter and Histogram updates are atomic in prometheus-cpp; no lock needed.
  count->Increment();
  duration->Observe(seconds);
}

prometheus::Counter& Metrics::Counter(const std::string& name, const std::string& help,
                                      const std::map<std::string, std::string>& labels) {
  std::lock_guard lock(mu_);
  auto it = counters_.find(name);
  if (it == counters_.end()) {
    auto& family = prometheus::BuildCounter()
                       .Name(name)
                       .Help(help)
                       .Labels({{"service", service_}})
                       .Register(*registry_);
    it = counters_.emplace(name, &family).first;
  }
  return it->second->Add(labels);
}

prometheus::Gauge& Metrics::Gauge(const std::string& name, const std::string& help,
                                  const std::map<std::string, std::string>& labels) {
  std::lock_guard lock(mu_);
  auto it = gauges_.find(name);
  if (it == gauges_.end()) {
    auto& family = prometheus::BuildGauge()
                       .Name(name)
                       .Help(help)
                       .Labels({{"service", service_}})
                       .Register(*registry_);
    it = gauges_.emplace(name, &family).first;
  }
  return it->second->Add(labels);
}

}  // namespace iris::metrics
