#include "services/notifications/domain/webhook_schedule.hpp"

#include <charconv>
#include <cstdio>
#include <ctime>

#include "absl/strings/str_split.h"

namespace iris::notifications::domain {

absl::StatusOr<std::vector<std::chrono::milliseconds>> ParseRetrySchedule(std::string_view text) {
  using std::chrono::milliseconds;
  std::vector<milliseconds> out;
  for (absl::string_view raw : absl::StrSplit(absl::string_view(text.data(), text.size()), ',')) {
    std::string_view item(raw.data(), raw.size());
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    const auto bad = [&] {
      return absl::InvalidArgumentError(
          "IRIS_WEBHOOK_RETRY_SCHEDULE: \"" + std::string(item) +
          "\" is not a wait such as 5s, 30s, 5m, 2h or 1d (comma-separated)");
    };
    size_t digits = 0;
    while (digits < item.size() && item[digits] >= '0' && item[digits] <= '9') ++digits;
    long long n = 0;
    auto [end, ec] = std::from_chars(item.data(), item.data() + digits, n);
    if (digits == 0 || ec != std::errc() || n <= 0 || n > 1'000'000'000) return bad();
    const std::string_view unit = item.substr(digits);
    long long factor = 0;
    if (unit == "ms") {
      factor = 1;
    } else if (unit == "s") {
      factor = 1000;
    } else if (unit == "m") {
      factor = 60'000;
    } else if (unit == "h") {
      factor = 3'600'000;
    } else if (unit == "d") {
      factor = 86'400'000;
    } else {
      return bad();
    }
    if (n > 30LL * 86'400'000 / factor) return bad();  // over 30 days: surely a mistake
    out.push_back(milliseconds(n * factor));
  }
  if (out.empty()) {
    return absl::InvalidArgumentError("IRIS_WEBHOOK_RETRY_SCHEDULE: needs at least one wait");
  }
  if (out.size() > 50) {
    return absl::InvalidArgumentError("IRIS_WEBHOOK_RETRY_SCHEDULE: at most 50 waits");
  }
  return out;
}

std::optional<std::chrono::milliseconds> RetryDelay(
    const std::vector<std::chrono::milliseconds>& schedule, int failed_attempts) {
  if (failed_attempts < 1 || static_cast<size_t>(failed_attempts) > schedule.size()) {
    return std::nullopt;
  }
  return schedule[static_cast<size_t>(failed_attempts) - 1];
}

std::string Rfc3339(values::Time t) {
  const auto secs = std::chrono::floor<std::chrono::seconds>(t);
  const auto micros = (t - secs).count();
  const std::time_t tt = secs.time_since_epoch().count();
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  std::string out = buf;
  if (micros != 0) {
    std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(micros));
    out += buf;
  }
  return out + "Z";
}

std::string WebhookBody(std::string_view type, values::Time occurred_at,
                        std::string_view subject_id, const nlohmann::json& payload) {
  nlohmann::json data = payload.is_object() ? payload : nlohmann::json::object();
  data["id"] = std::string(subject_id);
  nlohmann::json body = {
      {"type", std::string(type)}, {"timestamp", Rfc3339(occurred_at)}, {"data", std::move(data)}};
  return body.dump();
}

}  // namespace iris::notifications::domain
