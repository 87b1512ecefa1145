#include "services/grants/storage/pg_statistics_repository.hpp"

#include "grants_sql.hpp"
#include "libs/db/row.hpp"
#include "libs/db/values.hpp"

namespace iris::grants::storage {
namespace {

domain::Figures FiguresOf(const db::Row& r) {
  return {.applications = r["applications"].as<int64_t>(),
          .awards = r["awards"].as<int64_t>(),
          .requested = r["requested"].as<int64_t>(),
          .awarded = r["awarded"].as<int64_t>()};
}

}  // namespace

absl::StatusOr<std::optional<CallFigures>> PgStatisticsRepository::CallFiguresOf(
    db::Tx& tx, const std::string& call_id) {
  const auto rows = tx.Exec(sql::kStatsCall, call_id);
  if (rows.empty()) return std::optional<CallFigures>();
  CallFigures out{.status = rows[0]["status"].as<std::string>(),
                  .currency = rows[0]["currency"].as<std::string>(),
                  .by_country = {}};
  db::ColumnMemo memo;
  for (const auto& raw : rows) {
    const db::Row r(raw, &memo);
    if (r["country"].is_null()) continue;  // the call has no figures yet
    out.by_country.push_back({r["country"].as<std::string>(), FiguresOf(r)});
  }
  return std::optional<CallFigures>(std::move(out));
}

absl::StatusOr<std::vector<domain::YearCountryRow>> PgStatisticsRepository::YearCountryFigures(
    db::Tx& tx, int from, int to) {
  std::vector<domain::YearCountryRow> out;
  db::ColumnMemo memo;
  for (const auto& raw : tx.Exec(sql::kStatsYears, from, to)) {
    const db::Row r(raw, &memo);
    out.push_back({.currency = r["currency"].as<std::string>(),
                   .year = r["year"].as<int>(),
                   .calls = r["calls"].as<int64_t>(),
                   .country = r["country"].as<std::string>(),
                   .figures = FiguresOf(r)});
  }
  return out;
}

absl::StatusOr<OpenDataAwards> PgStatisticsRepository::Awards(db::Tx& tx) {
  OpenDataAwards out;
  db::ColumnMemo memo;
  for (const auto& raw : tx.Exec(sql::kOpenDataAwards)) {
    const db::Row r(raw, &memo);
    out.version = r["version"].as<int64_t>();
    out.awards.push_back({
        .grant_id = r["id"].as<std::string>(),
        .title = r["project_title"].as<std::string>(),
        .call_title = db::LocalizedTextOf(r["call_title"]),
        .call_id = r["call_id"].as<std::string>(),
        .currency = r["currency"].as<std::string>(),
        .requested = r["requested"].as<int64_t>(),
        .amount = r["amount"].as<int64_t>(),
        .awarded_at = db::TimeOf(r["awarded_at_us"]),
        .timezone = r["timezone"].as<std::string>(),
        .organization_id = r["organization_id"].as<std::string>(),
        .organization_name = r["organization_name"].as<std::string>(),
        .country = r["country"].as<std::string>(),
        .starts_on = r["starts_on"].as<std::string>(),
        .ends_on = r["ends_on"].as<std::string>(),
        .duration_months = r["duration_months"].as<int>(),
        .modified = db::TimeOf(r["modified_us"]),
    });
  }
  return out;
}

}  // namespace iris::grants::storage
