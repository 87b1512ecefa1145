// The figures' aggregation: totals, countries in order, years, one currency at a time.
#include "services/grants/domain/statistics.hpp"

#include <gtest/gtest.h>

namespace iris::grants::domain {
namespace {

Figures F(int64_t applications, int64_t awards, int64_t requested, int64_t awarded) {
  return {
      .applications = applications, .awards = awards, .requested = requested, .awarded = awarded};
}

TEST(CallStatsOfTest, TotalsAddEveryRowAndCountriesComeInCodeOrder) {
  const auto s = CallStatsOf(
      "c1", "EUR",
      {{"RS", F(2, 1, 1430000, 650000)}, {"AL", F(1, 0, 720000, 0)}, {"", F(1, 0, 100000, 0)}});
  EXPECT_EQ(s.currency, "EUR");
  EXPECT_EQ(s.total, F(4, 1, 2250000, 650000));
  ASSERT_EQ(s.by_country.size(), 2u) << "an application without a country is in the total only";
  EXPECT_EQ(s.by_country[0].country, "AL");
  EXPECT_EQ(s.by_country[1], (CountryFigures{"RS", F(2, 1, 1430000, 650000)}));
}

TEST(CallStatsOfTest, NoRowsIsZero) {
  const auto s = CallStatsOf("c1", "EUR", {});
  EXPECT_EQ(s.total, F(0, 0, 0, 0));
  EXPECT_TRUE(s.by_country.empty());
}

std::vector<YearCountryRow> Rows() {
  return {
      {.currency = "EUR", .year = 2019, .calls = 1, .country = "BA", .figures = F(3, 2, 30, 20)},
      {.currency = "EUR", .year = 2019, .calls = 1, .country = "RS", .figures = F(4, 1, 40, 10)},
      {.currency = "EUR", .year = 2020, .calls = 2, .country = "", .figures = F(0, 0, 0, 0)},
      {.currency = "EUR", .year = 2021, .calls = 1, .country = "RS", .figures = F(5, 2, 50, 16)},
      {.currency = "USD", .year = 2021, .calls = 1, .country = "RS", .figures = F(9, 9, 99, 99)},
  };
}

TEST(GrantStatsOfTest, YearsAndCountriesOfOneCurrency) {
  const auto s = GrantStatsOf(2019, 2021, "EUR", Rows());
  EXPECT_EQ(s.from, 2019);
  EXPECT_EQ(s.to, 2021);
  EXPECT_EQ(s.total, F(12, 5, 120, 46)) << "the USD call is left out";
  ASSERT_EQ(s.by_year.size(), 3u);
  EXPECT_EQ(s.by_year[0].year, 2019);
  EXPECT_EQ(s.by_year[0].calls, 1);
  EXPECT_EQ(s.by_year[0].total, F(7, 3, 70, 30));
  ASSERT_EQ(s.by_year[0].by_country.size(), 2u);
  EXPECT_EQ(s.by_year[0].by_country[0].country, "BA");
  EXPECT_EQ(s.by_year[1].year, 2020);
  EXPECT_EQ(s.by_year[1].calls, 2) << "a year of calls without figures still counts its calls";
  EXPECT_TRUE(s.by_year[1].by_country.empty());
  EXPECT_EQ(s.by_year[2].total, F(5, 2, 50, 16));
  ASSERT_EQ(s.by_country.size(), 2u);
  EXPECT_EQ(s.by_country[1], (CountryFigures{"RS", F(9, 3, 90, 26)}));
}

TEST(GrantStatsOfTest, CurrenciesAreListedOnceInOrder) {
  EXPECT_EQ(CurrenciesOf(Rows()), (std::vector<std::string>{"EUR", "USD"}));
  EXPECT_TRUE(CurrenciesOf({}).empty());
  const auto usd = GrantStatsOf(0, 0, "USD", Rows());
  EXPECT_EQ(usd.total, F(9, 9, 99, 99));
  ASSERT_EQ(usd.by_year.size(), 1u);
  EXPECT_EQ(usd.by_year[0].year, 2021);
}

}  // namespace
}  // namespace iris::grants::domain
