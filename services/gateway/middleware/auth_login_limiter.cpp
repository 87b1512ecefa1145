#include "services/gateway/middleware/auth_login_limiter.hpp"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "libs/values/sha256.hpp"

namespace iris::gateway {
namespace {

// Emails are hashed: Redis holds no personal data.
std::string EmailKey(std::string_view email) {
  return "iris:login:email:" +
         values::Sha256Hex(absl::AsciiStrToLower(absl::StripAsciiWhitespace(std::string(email))));
}
std::string IpKey(std::string_view ip) { return "iris:login:ip:" + std::string(ip); }

// KEYS: email bucket, IP bucket. ARGV: email limit, IP limit, window in seconds.
// Both counts go up; if either passes its limit both go back down and the answer is limited.
// A fixed window starts with a bucket's first attempt (a key without expiry gets one too).
// Returns {limited, email count, email ttl, ip count, ip ttl}.
constexpr const char* kReserveScript = R"lua(
local counts = {}
for n, key in ipairs(KEYS) do
  counts[n] = redis.call('INCR', key)
  if redis.call('TTL', key) < 0 then redis.call('EXPIRE', key, ARGV[3]) end
end
local limited = 0
if counts[1] > tonumber(ARGV[1]) or counts[2] > tonumber(ARGV[2]) then
  limited = 1
  for n, key in ipairs(KEYS) do counts[n] = redis.call('DECR', key) end
end
return {limited, counts[1], redis.call('TTL', KEYS[1]), counts[2], redis.call('TTL', KEYS[2])}
)lua";

// Gives back one attempt: a bucket that reaches 0 is deleted, one that has expired meanwhile
// is left alone (it belongs to a new window).
constexpr const char* kReleaseScript = R"lua(
local counts = {}
for n, key in ipairs(KEYS) do
  counts[n] = 0
  if redis.call('EXISTS', key) == 1 then
    counts[n] = redis.call('DECR', key)
    if counts[n] <= 0 then redis.call('DEL', key); counts[n] = 0 end
  end
end
return {0, counts[1], redis.call('TTL', KEYS[1]), counts[2], redis.call('TTL', KEYS[2])}
)lua";

}  // namespace

LoginLimiter::LoginLimiter(iris::redis::Redis& redis, iris::metrics::Metrics& metrics,
                           LoginLimits limits)
    : redis_(redis),
      limits_(limits),
      unavailable_(metrics, "iris_rate_limit_unavailable_total",
                   "Rate-limit checks skipped (allowed) because Redis did not answer",
                   "sign-in limits") {}

LoginQuota LoginLimiter::Quota(int64_t email_count, int64_t email_ttl, int64_t ip_count,
                               int64_t ip_ttl) const {
  const int64_t window = limits_.window.count();
  auto reset = [window](int64_t count, int64_t ttl) { return count > 0 && ttl > 0 ? ttl : window; };
  const int64_t email_left = std::max<int64_t>(0, limits_.per_email - email_count);
  const int64_t ip_left = std::max<int64_t>(0, limits_.per_ip - ip_count);
  LoginQuota q;
  const bool email_tighter = email_left <= ip_left;
  q.limit = email_tighter ? limits_.per_email : limits_.per_ip;
  q.remaining = email_tighter ? email_left : ip_left;
  q.reset_seconds = email_tighter ? reset(email_count, email_ttl) : reset(ip_count, ip_ttl);
  return q;
}

LoginQuota LoginLimiter::Run(const std::string& script, std::string_view email,
                             std::string_view ip) {
  auto reply = redis_.Command({"EVAL", script, "2", EmailKey(email), IpKey(ip),
                               std::to_string(limits_.per_email), std::to_string(limits_.per_ip),
                               std::to_string(limits_.window.count())});
  using Type = iris::redis::RedisReply::Type;
  if (!reply.ok() || reply->type != Type::kArray || reply->elements.size() != 5 ||
      !std::all_of(reply->elements.begin(), reply->elements.end(),
                   [](const auto& e) { return e.type == Type::kInteger; })) {
    unavailable_.Failed(reply.ok() ? absl::InternalError("unexpected reply") : reply.status());
    return Quota(0, 0, 0, 0);
  }
  unavailable_.Succeeded();
  const auto& e = reply->elements;
  LoginQuota q = Quota(e[1].integer, e[2].integer, e[3].integer, e[4].integer);
  q.limited = e[0].integer == 1;
  if (q.limited) q.remaining = 0;
  return q;
}

LoginQuota LoginLimiter::Reserve(std::string_view email, std::string_view ip) {
  return Run(kReserveScript, email, ip);
}

LoginQuota LoginLimiter::Release(std::string_view email, std::string_view ip) {
  return Run(kReleaseScript, email, ip);
}

}  // namespace iris::gateway
