// Local dates every domain shares (grants' calls and awards, events' windows and attendance):
// dates as the API writes them, the end of a local day, the local days between two instants.
#include "libs/values/local_dates.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace iris::values {
namespace {

Time At(int64_t unix_seconds) { return Time(std::chrono::seconds(unix_seconds)); }

TEST(LocalDatesTest, ParsesOnlyRealDatesTheApiCanCarry) {
  EXPECT_EQ(ParseDate("2021-10-14"), (LocalDate{2021, 10, 14}));
  EXPECT_FALSE(ParseDate("2021-02-30"));
  EXPECT_FALSE(ParseDate("+021-02-03"));
  EXPECT_FALSE(ParseDate("9999-12-31"));
  EXPECT_FALSE(ParseDate("2021-1-14"));
  EXPECT_EQ(DateText({2021, 7, 7}), "2021-07-07");
}

TEST(LocalDatesTest, TheEndOfADayIsItsNextLocalMidnight) {
  // Summer time in Belgrade (UTC+2), then winter time (UTC+1).
  EXPECT_EQ(*EndOfDay({2021, 10, 14}, "Europe/Belgrade"), At(1634248800));
  EXPECT_EQ(ClosingDay(At(1634248800), "Europe/Belgrade"), (LocalDate{2021, 10, 14}));
  EXPECT_EQ(*EndOfDay({2021, 12, 14}, "Europe/Belgrade"), At(1639522800));
  EXPECT_FALSE(EndOfDay({2021, 12, 14}, "Mars/Olympus").ok());
}

TEST(LocalDatesTest, ZoneNamesAreCheckedBeforeTheyAreLookedUp) {
  EXPECT_TRUE(IsKnownTimeZone("Europe/Belgrade"));
  EXPECT_TRUE(IsKnownTimeZone("UTC"));
  EXPECT_FALSE(IsKnownTimeZone(""));
  EXPECT_FALSE(IsKnownTimeZone("../../etc/passwd"));
  EXPECT_FALSE(IsKnownTimeZone("/etc/localtime"));
  EXPECT_FALSE(IsKnownTimeZone("Europe/Nowhere"));
}

TEST(LocalDatesTest, LocalDaysCountEachDayTouchedInTheZone) {
  // 2021-10-20T07:00Z .. 2021-10-22T15:00Z: three days in Belgrade.
  const auto days = LocalDays(At(1634713200), At(1634914800), "Europe/Belgrade");
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(days[0], (LocalDate{2021, 10, 20}));
  EXPECT_EQ(days[2], (LocalDate{2021, 10, 22}));
  // 23:30Z on 22 October is already the 23rd in Belgrade, not yet in UTC.
  EXPECT_EQ(LocalDays(At(1634713200), At(1634945400), "Europe/Belgrade").size(), 4u);
  EXPECT_EQ(LocalDays(At(1634713200), At(1634945400), "UTC").size(), 3u);
  EXPECT_TRUE(LocalDays(At(1634945400), At(1634713200), "UTC").empty());
  EXPECT_EQ(LocalDays(At(0), At(100LL * 365 * 86400), "UTC", 10).size(), 10u);
}

TEST(LocalDatesTest, AnEventEndingAtLocalMidnightHasNoDayAfterIt) {
  // 2021-10-20T07:00Z .. 2021-10-23T00:00 Belgrade (22:00Z on the 22nd): 20, 21 and 22 October.
  const auto days = LocalDays(At(1634713200), At(1634940000), "Europe/Belgrade");
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(days.back(), (LocalDate{2021, 10, 22}));
  EXPECT_EQ(LastLocalDay(At(1634940000), "Europe/Belgrade"), (LocalDate{2021, 10, 22}));
  EXPECT_EQ(LastLocalDay(At(1634940001), "Europe/Belgrade"), (LocalDate{2021, 10, 23}));
  // Midnight UTC in UTC alike; a one-microsecond event still has its day.
  EXPECT_EQ(LocalDays(At(1634713200), At(1634947200), "UTC").size(), 3u);
  EXPECT_EQ(LocalDays(At(1634713200), At(1634713200), "UTC").size(), 1u);
}

TEST(LocalDatesTest, SupportedInstantsAreInTheYears1900To9999) {
  EXPECT_TRUE(IsSupportedInstant(At(0)));
  EXPECT_TRUE(IsSupportedInstant(At(-2208988800)));    // 1900-01-01T00:00:00Z
  EXPECT_FALSE(IsSupportedInstant(At(-2208988801)));   // 1899-12-31T23:59:59Z
  EXPECT_TRUE(IsSupportedInstant(At(253402300799)));   // 9999-12-31T23:59:59Z
  EXPECT_FALSE(IsSupportedInstant(At(253402300800)));  // 10000-01-01
  EXPECT_FALSE(IsSupportedInstant(At(-62135596800)));  // 0001-01-01
}

}  // namespace
}  // namespace iris::values
