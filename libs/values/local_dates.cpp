#include "libs/values/local_dates.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "absl/strings/numbers.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace iris::values {
namespace {

absl::Time ToAbsl(Time t) {
  return absl::FromUnixMicros(
      std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count());
}

Time FromAbsl(absl::Time t) { return Time(std::chrono::microseconds(absl::ToUnixMicros(t))); }

absl::TimeZone ZoneOr(std::string_view name) {
  absl::TimeZone tz;
  if (!LooksLikeZoneName(name) || !absl::LoadTimeZone(std::string(name), &tz)) {
    return absl::UTCTimeZone();
  }
  return tz;
}

}  // namespace

std::optional<LocalDate> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (char c : text) {
    if (c != '-' && (c < '0' || c > '9')) return std::nullopt;  // SimpleAtoi takes "+1"
  }
  int y = 0, m = 0, d = 0;
  if (!absl::SimpleAtoi(absl::string_view(text.data() + 0, 4), &y) ||
      !absl::SimpleAtoi(absl::string_view(text.data() + 5, 2), &m) ||
      !absl::SimpleAtoi(absl::string_view(text.data() + 8, 2), &d)) {
    return std::nullopt;
  }
  const absl::CivilDay day(y, m, d);
  // 1900..9998: the end of any such day, in any zone, stays inside what a Timestamp and the API
  // can carry (9999-12-31 in a zone west of UTC ends in the year 10000).
  if (day.year() != y || day.month() != m || day.day() != d || y < 1900 || y > 9998) {
    return std::nullopt;
  }
  return LocalDate{y, m, d};
}

std::string DateText(const LocalDate& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

bool LooksLikeZoneName(std::string_view z) {
  if (z.empty() || z.size() > kMaxTimeZoneName || z.front() == '/' ||
      z.find("..") != std::string_view::npos) {
    return false;
  }
  return std::all_of(z.begin(), z.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '_' || c == '-' || c == '+';
  });
}

bool IsKnownTimeZone(std::string_view name) {
  absl::TimeZone tz;
  return LooksLikeZoneName(name) && absl::LoadTimeZone(std::string(name), &tz);
}

absl::StatusOr<Time> EndOfDay(const LocalDate& day, std::string_view zone) {
  absl::TimeZone tz;
  if (!IsKnownTimeZone(zone) || !absl::LoadTimeZone(std::string(zone), &tz)) {
    return absl::InvalidArgumentError("unknown time zone '" + std::string(zone) + "'");
  }
  const absl::CivilDay next = absl::CivilDay(day.year, day.month, day.day) + 1;
  return FromAbsl(absl::FromCivil(absl::CivilSecond(next), tz));
}

LocalDate DayOf(Time t, std::string_view zone) {
  const absl::CivilDay d = absl::ToCivilDay(ToAbsl(t), ZoneOr(zone));
  return {static_cast<int>(d.year()), d.month(), d.day()};
}

LocalDate ClosingDay(Time closes_at, std::string_view zone) {
  return DayOf(closes_at - std::chrono::microseconds(1), zone);
}

LocalDate Today(std::string_view zone) {
  return DayOf(
      std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()),
      zone);
}

std::vector<LocalDate> LocalDays(Time starts_at, Time ends_at, std::string_view zone,
                                 size_t max_days) {
  std::vector<LocalDate> days;
  if (ends_at < starts_at) return days;
  const absl::TimeZone tz = ZoneOr(zone);
  // The last microsecond the event runs (ends_at is exclusive), never before its start.
  const Time last = std::max(starts_at, ends_at - std::chrono::microseconds(1));
  const absl::CivilDay end = absl::ToCivilDay(ToAbsl(last), tz);
  for (absl::CivilDay d = absl::ToCivilDay(ToAbsl(starts_at), tz);
       d <= end && days.size() < max_days; ++d) {
    days.push_back({static_cast<int>(d.year()), d.month(), d.day()});
  }
  return days;
}

LocalDate LastLocalDay(Time ends_at, std::string_view zone) { return ClosingDay(ends_at, zone); }

bool IsSupportedInstant(Time t) {
  const absl::CivilSecond s = absl::ToCivilSecond(ToAbsl(t), absl::UTCTimeZone());
  return s.year() >= 1900 && s.year() <= 9999;
}

}  // namespace iris::values
