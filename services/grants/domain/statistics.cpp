#include "services/grants/domain/statistics.hpp"

#include <map>
#include <set>
#include <utility>

namespace iris::grants::domain {
namespace {

std::vector<CountryFigures> Sorted(const std::map<std::string, Figures>& by_country) {
  std::vector<CountryFigures> out;
  out.reserve(by_country.size());
  for (const auto& [country, figures] : by_country) out.push_back({country, figures});
  return out;
}

}  // namespace

Figures& Figures::operator+=(const Figures& other) {
  applications += other.applications;
  awards += other.awards;
  requested += other.requested;
  awarded += other.awarded;
  return *this;
}

CallStats CallStatsOf(std::string call_id, std::string currency,
                      const std::vector<CountryFigures>& rows) {
  CallStats stats{.call_id = std::move(call_id),
                  .currency = std::move(currency),
                  .total = {},
                  .by_country = {}};
  std::map<std::string, Figures> by_country;
  for (const auto& row : rows) {
    stats.total += row.figures;
    if (!row.country.empty()) by_country[row.country] += row.figures;
  }
  stats.by_country = Sorted(by_country);
  return stats;
}

std::vector<std::string> CurrenciesOf(const std::vector<YearCountryRow>& rows) {
  std::set<std::string> currencies;
  for (const auto& row : rows) currencies.insert(row.currency);
  return {currencies.begin(), currencies.end()};
}

GrantStats GrantStatsOf(int from, int to, const std::string& currency,
                        const std::vector<YearCountryRow>& rows) {
  GrantStats stats{
      .from = from, .to = to, .currency = currency, .total = {}, .by_year = {}, .by_country = {}};
  struct Year {
    int64_t calls = 0;
    Figures total;
    std::map<std::string, Figures> by_country;
  };
  std::map<int, Year> years;
  std::map<std::string, Figures> by_country;
  for (const auto& row : rows) {
    if (row.currency != currency) continue;
    Year& year = years[row.year];
    year.calls = row.calls;
    year.total += row.figures;
    stats.total += row.figures;
    if (row.country.empty()) continue;
    year.by_country[row.country] += row.figures;
    by_country[row.country] += row.figures;
  }
  for (const auto& [number, year] : years) {
    stats.by_year.push_back({.year = number,
                             .calls = year.calls,
                             .total = year.total,
                             .by_country = Sorted(year.by_country)});
  }
  stats.by_country = Sorted(by_country);
  return stats;
}

}  // namespace iris::grants::domain
