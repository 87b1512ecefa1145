#include "services/gateway/middleware/rate_limiter.hpp"

#include <algorithm>

#include "libs/log/log.hpp"
#include "services/gateway/middleware/auth.hpp"

namespace iris::gateway {
namespace {

using Type = iris::redis::RedisReply::Type;

// GCRA (the generic cell rate algorithm): the key holds the theoretical arrival time (TAT) of
// the next request in ms; each request moves it one emission interval (period / limit) on, and
// a request is refused when that would put the TAT more than a period ahead of now (a burst of
// `limit` requests, then one per interval). Redis's own clock, so replicas agree.
// KEYS[1]: the key. ARGV: limit, period in ms.
// Returns {allowed (1/0), remaining, ms until the next request may pass, ms until whole again}.
constexpr const char* kGcraScript = R"lua(
local limit = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = period / limit
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
local new_tat = tat + interval
local allow_at = new_tat - period
if now < allow_at then
  return {0, 0, math.ceil(allow_at - now), math.ceil(tat - now)}
end
redis.call('SET', KEYS[1], string.format('%.4f', new_tat), 'PX', math.ceil(new_tat - now) + 1)
return {1, math.floor((now - allow_at) / interval), 0, math.ceil(new_tat - now)}
)lua";

int64_t CeilSeconds(int64_t ms) { return (ms + 999) / 1000; }

}  // namespace

RateLimiter::RateLimiter(iris::redis::Redis& redis, iris::metrics::Metrics& metrics,
                         RateLimits limits)
    : redis_(redis),
      limits_(limits),
      unavailable_(metrics, "iris_rate_limit_unavailable_total",
                   "Rate-limit checks skipped (allowed) because Redis did not answer",
                   "rate limits") {}

RateDecision RateLimiter::Take(const http::HttpRequest& request, const identity::Caller& caller) {
  const int limit = caller.anonymous() ? limits_.per_address : limits_.per_caller;
  return Take("iris:rate:" + ScopeOf(request, caller), limit,
              std::chrono::duration_cast<std::chrono::milliseconds>(limits_.period));
}

RateDecision RateLimiter::Take(const std::string& key, int limit,
                               std::chrono::milliseconds period) {
  RateDecision d;
  if (limit <= 0 || period.count() <= 0) return d;
  const auto period_ms = period.count();
  auto reply = redis_.Command(
      {"EVAL", kGcraScript, "1", key, std::to_string(limit), std::to_string(period_ms)});
  if (!reply.ok() || reply->type != Type::kArray || reply->elements.size() != 4 ||
      !std::all_of(reply->elements.begin(), reply->elements.end(),
                   [](const auto& e) { return e.type == Type::kInteger; })) {
    unavailable_.Failed(reply.ok() ? absl::InternalError("unexpected reply") : reply.status());
    return d;  // fail open
  }
  unavailable_.Succeeded();
  const auto& e = reply->elements;
  d.counted = true;
  d.limited = e[0].integer == 0;
  d.limit = limit;
  d.remaining = std::clamp<int64_t>(e[1].integer, 0, limit);
  d.retry_after_seconds = std::max<int64_t>(1, CeilSeconds(e[2].integer));
  d.reset_seconds = CeilSeconds(e[3].integer);
  return d;
}

void RateLimiter::AddHeaders(const RateDecision& d, http::HttpResponse& response) {
  if (!d.counted || http::HasHeader(response.headers, "ratelimit-limit")) return;
  response.headers.push_back({"RateLimit-Limit", std::to_string(d.limit)});
  response.headers.push_back({"RateLimit-Remaining", std::to_string(d.remaining)});
  response.headers.push_back({"RateLimit-Reset", std::to_string(d.reset_seconds)});
  // The problem renderer's Retry-After says 1; the limiter knows the real wait.
  if (d.limited)
    http::SetHeader(response.headers, "Retry-After", std::to_string(d.retry_after_seconds));
}

}  // namespace iris::gateway
