// Request rate limits shared by every gateway replica (issue 14): GCRA in Redis, one atomic Lua
// step per request, per caller when authenticated (the account behind a token or API key) and
// per address when anonymous. Answers carry RateLimit-Limit, -Remaining and -Reset; a request
// over the limit is a 429 problem with Retry-After. When Redis does not answer, requests are
// served (fail open), iris_rate_limit_unavailable_total counts them and the outage is logged
// once.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include "libs/identity/caller.hpp"
#include "libs/metrics/metrics.hpp"
#include "libs/redis/redis.hpp"
#include "services/gateway/http/http_types.hpp"
#include "services/gateway/middleware/fail_open.hpp"

namespace iris::gateway {

struct RateLimits {
  int per_caller = 1200;   // requests per period for an authenticated caller; 0: unlimited
  int per_address = 1200;  // ... for anonymous callers, per IP address; 0: unlimited
  std::chrono::seconds period{60};
};

struct RateDecision {
  bool limited = false;
  bool counted = false;  // false: no limit applies, or Redis did not answer (no headers)
  int64_t limit = 0;
  int64_t remaining = 0;
  int64_t reset_seconds = 0;        // until the quota is whole again
  int64_t retry_after_seconds = 0;  // when limited: until the next request may pass
};

class RateLimiter {
 public:
  RateLimiter(iris::redis::Redis& redis, iris::metrics::Metrics& metrics, RateLimits limits);

  // Counts one request of this caller (or address) and says whether it may pass.
  RateDecision Take(const http::HttpRequest& request, const identity::Caller& caller);

  // The same for any bucket: one request against `limit` requests per `period` under `key`
  // (shared by every replica); limit 0: nothing counted. Redis not answering: served (fail
  // open), as above. A route's own stricter limit uses it (chain.cpp).
  RateDecision Take(const std::string& key, int limit, std::chrono::milliseconds period);

  // RateLimit-* headers (and Retry-After when limited) on `response`, unless the route wrote
  // its own (sign-in's failed-attempt limits).
  static void AddHeaders(const RateDecision& d, http::HttpResponse& response);

 private:
  iris::redis::Redis& redis_;
  const RateLimits limits_;
  FailOpen unavailable_;
};

}  // namespace iris::gateway
