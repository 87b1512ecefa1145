// The Small Grants Scheme's figures (API.md "Details settled: Calls"): per call and country, and
// across calls by year (of the call's opening, in its time zone) and country. Applications count
// those submitted (withdrawn later or not), requested sums their requests, awards and awarded
// count and sum the grants. Pure aggregation of the rows storage groups.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace iris::grants::domain {

// Counts and sums (minor units of one currency) of a group of applications and grants.
struct Figures {
  int64_t applications = 0;
  int64_t awards = 0;
  int64_t requested = 0;
  int64_t awarded = 0;

  Figures& operator+=(const Figures& other);
  bool operator==(const Figures&) const = default;
};

struct CountryFigures {
  std::string country;
  Figures figures;
  bool operator==(const CountryFigures&) const = default;
};

struct CallStats {
  std::string call_id;
  std::string currency;
  Figures total;
  std::vector<CountryFigures> by_country;  // ordered by country code
};

// One group storage reports for the figures across calls: the calls of `currency` that opened
// in `year`, and the figures of their applicants from `country` ("" for the row that only counts
// the year's calls, and for applications that carry no country).
struct YearCountryRow {
  std::string currency;
  int year = 0;
  int64_t calls = 0;  // the year's calls of this currency (the same on each row of the year)
  std::string country;
  Figures figures;
};

struct YearFigures {
  int year = 0;
  int64_t calls = 0;
  Figures total;
  std::vector<CountryFigures> by_country;
};

struct GrantStats {
  int from = 0;  // 0: unbounded
  int to = 0;
  std::string currency;
  Figures total;
  std::vector<YearFigures> by_year;        // ascending
  std::vector<CountryFigures> by_country;  // ordered by country code, all years together
};

// The call's figures from its per-country rows (a row with country "" counts towards the total
// only: an application submitted without a country cannot be placed).
CallStats CallStatsOf(std::string call_id, std::string currency,
                      const std::vector<CountryFigures>& rows);

// The currencies the rows use, sorted, each once.
std::vector<std::string> CurrenciesOf(const std::vector<YearCountryRow>& rows);

// The figures across calls of the rows in `currency` (rows of other currencies are left out).
GrantStats GrantStatsOf(int from, int to, const std::string& currency,
                        const std::vector<YearCountryRow>& rows);

}  // namespace iris::grants::domain
