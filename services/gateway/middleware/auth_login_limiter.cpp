#include "services/gateway/middleware/auth_login_limiter.hpp"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "libs/log/log.hpp"
#include "libs/values/sha256.hpp"
#include "services/gateway/middleware/auth.hpp"

namespace iris::gateway {
namespace {

// Emails are hashed: Redis holds no personal data.
std::string EmailKey(std::string_view email) {
  return "iris:login:email:" +
         values::Sha256Hex(absl::AsciiStrToLower(absl::StripAsciiWhitespace(std::string(email))));
}
std::string IpKey(std::string_view ip) { return "iris:login:ip:" + std::string(ip); }

}  // namespace

LoginLimiter::LoginLimiter(iris::redis::Redis& redis, iris::metrics::Metrics& metrics,
                           LoginLimits limits)
    : redis_(redis), metrics_(metrics), limits_(limits) {}

void LoginLimiter::Unavailable() {
  metrics_
      .Counter("iris_rate_limit_unavailable_total",
               "Rate-limit checks skipped (allowed) because Redis did not answer", {})
      .Increment();
}

bool LoginLimiter::Read(const std::string& key, Bucket* out) {
  auto count = redis_.Command({"GET", key});
  if (!count.ok()) return false;
  if (count->type != iris::redis::RedisReply::Type::kString) return true;  // no failures yet
  out->count = std::atoll(count->str.c_str());
  auto ttl = redis_.Command({"TTL", key});
  if (!ttl.ok()) return false;
  out->ttl = ttl->integer;
  return true;
}

bool LoginLimiter::Increment(const std::string& key, Bucket* out) {
  auto count = redis_.Command({"INCR", key});
  if (!count.ok() || count->type != iris::redis::RedisReply::Type::kInteger) return false;
  out->count = count->integer;
  // A fixed window starting at the first failure; NX keeps a concurrent first failure's expiry.
  auto expire = redis_.Command({"EXPIRE", key, std::to_string(limits_.window.count()), "NX"});
  if (!expire.ok()) return false;
  auto ttl = redis_.Command({"TTL", key});
  if (!ttl.ok()) return false;
  out->ttl = ttl->integer;
  return true;
}

LoginQuota LoginLimiter::Quota(const Bucket& email, const Bucket& ip) const {
  const int64_t window = limits_.window.count();
  auto reset = [window](const Bucket& b) { return b.count > 0 && b.ttl > 0 ? b.ttl : window; };
  const int64_t email_left = std::max<int64_t>(0, limits_.per_email - email.count);
  const int64_t ip_left = std::max<int64_t>(0, limits_.per_ip - ip.count);
  LoginQuota q;
  const bool email_tighter = email_left <= ip_left;
  q.limit = email_tighter ? limits_.per_email : limits_.per_ip;
  q.remaining = email_tighter ? email_left : ip_left;
  q.reset_seconds = email_tighter ? reset(email) : reset(ip);
  q.limited = q.remaining == 0;
  return q;
}

LoginQuota LoginLimiter::Check(std::string_view email, std::string_view ip) {
  Bucket e, i;
  if (!Read(EmailKey(email), &e) || !Read(IpKey(ip), &i)) {
    Unavailable();
    return Quota({}, {});
  }
  return Quota(e, i);
}

LoginQuota LoginLimiter::RecordFailure(std::string_view email, std::string_view ip) {
  Bucket e, i;
  if (!Increment(EmailKey(email), &e) || !Increment(IpKey(ip), &i)) {
    Unavailable();
    return Quota({}, {});
  }
  return Quota(e, i);
}

}  // namespace iris::gateway
