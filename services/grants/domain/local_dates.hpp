// Dates without time (YYYY-MM-DD) and the instants they mean in a call's time zone
// (DOMAIN.md: "open until 14 October" means the end of that day in the call's time zone).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "libs/values/types.hpp"

namespace iris::grants::domain {

inline constexpr std::string_view kDefaultTimeZone = "Europe/Belgrade";

// A calendar date as the API writes it.
struct LocalDate {
  int year = 0, month = 0, day = 0;
  auto operator<=>(const LocalDate&) const = default;
};

// "2021-10-14" -> the date; nullopt for anything else (2021-02-30 included).
std::optional<LocalDate> ParseDate(std::string_view text);
std::string DateText(const LocalDate& d);  // YYYY-MM-DD

// Whether `name` is an IANA time zone this machine knows (Europe/Belgrade, UTC, ...).
bool IsKnownTimeZone(std::string_view name);

// The first instant after `day` ends in `zone` (its next midnight there): a deadline "until
// 14 October" is closes_at = EndOfDay(14 October). INVALID_ARGUMENT for an unknown zone.
absl::StatusOr<values::Time> EndOfDay(const LocalDate& day, std::string_view zone);

// The local day `t` falls in, in `zone` (an unknown zone: UTC).
LocalDate DayOf(values::Time t, std::string_view zone);

// The local day a deadline `closes_at` belongs to: the day of its last microsecond, so that
// EndOfDay(ClosingDay(t)) == t for t from EndOfDay.
LocalDate ClosingDay(values::Time closes_at, std::string_view zone);

// Today's date in `zone`.
LocalDate Today(std::string_view zone);

}  // namespace iris::grants::domain
