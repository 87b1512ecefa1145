// When a failed webhook delivery is tried again (IRIS_WEBHOOK_RETRY_SCHEDULE), and the body
// every attempt sends. Pure rules.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "libs/values/types.hpp"

namespace iris::notifications::domain {

// The waits after the 1st, 2nd, ... failed attempt: "5s,30s,5m,30m,2h,5h,10h,10h". Each item
// is a positive whole number with a unit ms, s, m, h or d; at most 50 items, at least one.
// A bad one is INVALID_ARGUMENT naming it.
absl::StatusOr<std::vector<std::chrono::milliseconds>> ParseRetrySchedule(std::string_view text);

// The wait after `failed_attempts` failures (1 for the first), or nullopt once the schedule
// ran out: the delivery is dead-lettered.
std::optional<std::chrono::milliseconds> RetryDelay(
    const std::vector<std::chrono::milliseconds>& schedule, int failed_attempts);

// The thin body of Standard Webhooks: {"type", "timestamp" (RFC 3339 of when it happened),
// "data": {"id": subject_id, ...payload}}. The payload's own "id", if any, gives way to the
// subject's.
std::string WebhookBody(std::string_view type, values::Time occurred_at,
                        std::string_view subject_id, const nlohmann::json& payload);

// RFC 3339 in UTC with microseconds when it has them: 2026-12-03T10:00:00.123456Z.
std::string Rfc3339(values::Time t);

}  // namespace iris::notifications::domain
