// Failed sign-ins counted in Redis per email and per client IP, in fixed 15-minute windows
// (API.md "Rate limits"). Successful sign-ins are not counted. Without Redis it fails open.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "libs/metrics/metrics.hpp"
#include "libs/redis/redis.hpp"

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

  // Before checking a password: is either bucket used up?
  LoginQuota Check(std::string_view email, std::string_view ip);
  // After a wrong password or unknown email; returns the quota left afterwards.
  LoginQuota RecordFailure(std::string_view email, std::string_view ip);

 private:
  struct Bucket {
    int64_t count = 0;
    int64_t ttl = 0;
  };
  bool Read(const std::string& key, Bucket* out);
  bool Increment(const std::string& key, Bucket* out);
  LoginQuota Quota(const Bucket& email, const Bucket& ip) const;
  void Unavailable();

  iris::redis::Redis& redis_;
  iris::metrics::Metrics& metrics_;
  const LoginLimits limits_;
};

}  // namespace iris::gateway
