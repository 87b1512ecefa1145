// Dates without time (YYYY-MM-DD) and the instants they mean in a time zone (DOMAIN.md: "open
// until 14 October" means the end of that day in the call's or event's time zone; an event's
// attendance is counted per local day). Shared by grants' calls and awards and events.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/values/types.hpp"

namespace iris::values {

inline constexpr std::string_view kDefaultTimeZone = "Europe/Belgrade";
inline constexpr size_t kMaxTimeZoneName = 64;

// A calendar date as the API writes it.
struct LocalDate {
  int year = 0, month = 0, day = 0;
  auto operator<=>(const LocalDate&) const = default;
};

// "2021-10-14" -> the date; nullopt for anything else (2021-02-30 included).
std::optional<LocalDate> ParseDate(std::string_view text);
std::string DateText(const LocalDate& d);  // YYYY-MM-DD

// An IANA name's characters ("America/Argentina/Buenos_Aires", "Etc/GMT+1"): checked before
// the name reaches the zone loader, which reads a file of that name under its zoneinfo.
bool LooksLikeZoneName(std::string_view name);

// Whether `name` is an IANA time zone this machine knows (Europe/Belgrade, UTC, ...); a name
// LooksLikeZoneName refuses is never looked up.
bool IsKnownTimeZone(std::string_view name);

// The first instant after `day` ends in `zone` (its next midnight there): a deadline "until
// 14 October" is closes_at = EndOfDay(14 October). INVALID_ARGUMENT for an unknown zone.
absl::StatusOr<Time> EndOfDay(const LocalDate& day, std::string_view zone);

// The local day `t` falls in, in `zone` (an unknown zone: UTC).
LocalDate DayOf(Time t, std::string_view zone);

// The local day a deadline `closes_at` belongs to: the day of its last microsecond, so that
// EndOfDay(ClosingDay(t)) == t for t from EndOfDay.
LocalDate ClosingDay(Time closes_at, std::string_view zone);

// Today's date in `zone`.
LocalDate Today(std::string_view zone);

// The local days an event running from `starts_at` to `ends_at` has in `zone`, in order: from
// DayOf(starts_at) to LastLocalDay(ends_at) inclusive (attendance is recorded per such day; an
// event ending exactly at a local midnight has no day after it). Empty when ends_at < starts_at;
// at most `max_days` (a guard: a longer span answers its first max_days).
std::vector<LocalDate> LocalDays(Time starts_at, Time ends_at, std::string_view zone,
                                 size_t max_days = 3660);

// The last local day of something ending at `ends_at` (exclusive): the day of its last
// microsecond, so an end at 00:00 local belongs to the day before (as ClosingDay).
LocalDate LastLocalDay(Time ends_at, std::string_view zone);

// Whether `t` lies in the years 1900..9999 (UTC): the instants the API accepts from clients, so
// every instant it writes back is a four-digit-year RFC 3339 text.
bool IsSupportedInstant(Time t);

}  // namespace iris::values
