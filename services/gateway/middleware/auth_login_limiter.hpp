// Failed sign-ins counted in Redis per email and per client IP, in fixed 15-minute windows
// (API.md "Rate limits"). Successful sign-ins are not counted. Without Redis it fails open.
//
// Each attempt reserves its place in both buckets atomically (one Lua script) before the
// password is checked, and a successful one gives its place back. Checking the count first
// and counting the failure afterwards let concurrent guesses all pass the check: 19 wrong
// passwords sent at once were all verified.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "libs/metrics/metrics.hpp"
#include "libs/redis/redis.hpp"
#include "services/gateway/middleware/fail_open.hpp"

namespace iris::gateway {

struct LoginLimits {
  int64_t per_email = 10;
  int64_t per_ip = 100;
  std::chrono::seconds window{15 * 60};
};

// What the RateLimit-* headers show: the tighter of the two buckets.
struct LoginQuota {
  bool limited = false;
  int64_t limit = 0;
  int64_t remaining = 0;
  int64_t reset_seconds = 0;  // until the tighter bucket's window ends; Retry-After when limited
};

class LoginLimiter {
 public:
  LoginLimiter(iris::redis::Redis& redis, iris::metrics::Metrics& metrics, LoginLimits limits = {});

  // Before checking a password: takes one attempt from both buckets, or none and `limited`
  // when either is used up. At most per_email attempts per email (and per_ip per address) are
  // ever checked in a window, however many arrive at once.
  LoginQuota Reserve(std::string_view email, std::string_view ip);
  // After a successful sign-in: gives the reserved attempt back; the quota left afterwards.
  LoginQuota Release(std::string_view email, std::string_view ip);

 private:
  LoginQuota Run(const std::string& script, std::string_view email, std::string_view ip);
  LoginQuota Quota(int64_t email_count, int64_t email_ttl, int64_t ip_count, int64_t ip_ttl) const;
  iris::redis::Redis& redis_;
  const LoginLimits limits_;
  FailOpen unavailable_;
};

}  // namespace iris::gateway
