#include "services/grants/app/statistics_use_cases.hpp"

#include "absl/strings/str_join.h"
#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"

namespace iris::grants::app {
namespace {

constexpr int kMaxYear = 9999;

absl::Status CallNotFound() { return absl::NotFoundError("grant call not found"); }

bool IsCurrencyCode(const std::string& code) {
  if (code.size() != 3) return false;
  for (const char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<domain::CallStats> StatisticsUseCases::CallStats(const std::string& call_id) {
  if (!values::IsUuid(call_id)) return CallNotFound();
  IRIS_ASSIGN_OR_RETURN(auto figures,
                        pool_.Read([&](db::Tx& tx) { return repo_.CallFiguresOf(tx, call_id); }));
  // Drafts are invisible to the public, and these figures are public.
  if (!figures || figures->status == "draft") return CallNotFound();
  return domain::CallStatsOf(call_id, figures->currency, figures->by_country);
}

absl::StatusOr<domain::GrantStats> StatisticsUseCases::GrantStats(int from, int to,
                                                                  const std::string& currency) {
  status::Validator v;
  for (const auto& [name, year] : {std::pair{"from", from}, std::pair{"to", to}}) {
    if (year < 0 || year > kMaxYear) v.Add(name, "must be a year from 1 to 9999, or 0 for none");
  }
  if (v.ok() && from != 0 && to != 0 && from > to) {
    v.Add("from", "must not be after to (" + std::to_string(to) + ")");
  }
  if (!currency.empty() && !IsCurrencyCode(currency)) {
    v.Add("currency", "must be an ISO 4217 code of three capital letters, such as EUR");
  }
  IRIS_RETURN_IF_ERROR(v.FinishMalformed());
  IRIS_ASSIGN_OR_RETURN(
      auto rows, pool_.Read([&](db::Tx& tx) { return repo_.YearCountryFigures(tx, from, to); }));
  std::string chosen = currency;
  if (chosen.empty()) {
    const auto found = domain::CurrenciesOf(rows);
    if (found.size() > 1) {
      return status::Malformed("currency", "the calls of these years pay in several currencies (" +
                                               absl::StrJoin(found, ", ") + "): name one");
    }
    chosen = found.empty() ? kDefaultStatsCurrency : found.front();
  }
  return domain::GrantStatsOf(from, to, chosen, rows);
}

absl::StatusOr<OpenDataDocument> StatisticsUseCases::OpenData(OpenDataFormat format) {
  IRIS_ASSIGN_OR_RETURN(auto awards, pool_.Read([&](db::Tx& tx) { return repo_.Awards(tx); }));
  if (format == OpenDataFormat::kCsv) {
    return OpenDataDocument{.content_type = "text/csv; charset=utf-8",
                            .body = domain::OpenDataCsv(publisher_, awards.awards),
                            .version = awards.version};
  }
  return OpenDataDocument{.content_type = "application/json",
                          .body = domain::OpenDataJson(publisher_, awards.awards),
                          .version = awards.version};
}

}  // namespace iris::grants::app
