#include "services/grants/storage/pg_report_repository.hpp"

#include "grants_sql.hpp"
#include "libs/db/row.hpp"
#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"

namespace iris::grants::storage {
namespace {

// A row of any reports_*.sql statement, by {{reports_columns}}' names.
absl::StatusOr<domain::Report> ReportFromRow(const db::Row& r) {
  const auto status = domain::ParseReportStatus(r["status"].as<std::string>());
  const auto kind = domain::ParseReportKind(r["kind"].as<std::string>());
  if (!status || !kind) return absl::InternalError("report row with unknown status or kind");
  domain::Report out;
  out.id = r["id"].as<std::string>();
  out.grant_id = r["grant_id"].as<std::string>();
  out.kind = *kind;
  out.narrative = r["narrative"].as<std::string>();
  out.spent = {r["spent"].as<int64_t>(), r["currency"].as<std::string>()};
  out.status = *status;
  out.status_note = r["status_note"].as<std::string>();
  out.status_changed_at = db::OptionalTimeOf(r["status_changed_at_us"]);
  out.submitted_at = db::TimeOf(r["submitted_at_us"]);
  out.version = r["version"].as<int64_t>();
  out.created_at = db::TimeOf(r["created_at_us"]);
  out.updated_at = db::TimeOf(r["updated_at_us"]);
  return out;
}

absl::Status NotFound(const std::string& id) {
  return absl::NotFoundError("grant report " + id + " not found");
}

}  // namespace

absl::StatusOr<domain::Report> PgReportRepository::Insert(db::Tx& tx, const domain::Report& r) {
  auto rows = tx.Exec(sql::kReportsInsert, r.grant_id, std::string(domain::ReportKindWord(r.kind)),
                      r.narrative, r.spent.amount);
  return ReportFromRow(rows.at(0));
}

absl::StatusOr<domain::Report> PgReportRepository::FindById(db::Tx& tx, const std::string& id) {
  if (!values::IsUuid(id)) return NotFound(id);
  auto rows = tx.Exec(sql::kReportsFindById, id);
  if (rows.empty()) return NotFound(id);
  return ReportFromRow(rows[0]);
}

absl::StatusOr<domain::Report> PgReportRepository::FindForUpdate(db::Tx& tx,
                                                                 const std::string& id) {
  if (!values::IsUuid(id)) return NotFound(id);
  auto rows = tx.Exec(sql::kReportsFindForUpdate, id);
  if (rows.empty()) return NotFound(id);
  return ReportFromRow(rows[0]);
}

absl::StatusOr<std::vector<domain::Report>> PgReportRepository::ListByGrant(
    db::Tx& tx, const std::string& grant_id) {
  std::vector<domain::Report> out;
  db::ColumnMemo memo;
  for (const auto& raw : tx.Exec(sql::kReportsListByGrant, grant_id)) {
    IRIS_ASSIGN_OR_RETURN(auto r, ReportFromRow(db::Row(raw, &memo)));
    out.push_back(std::move(r));
  }
  return out;
}

absl::StatusOr<domain::Report> PgReportRepository::Update(db::Tx& tx, const domain::Report& r) {
  auto rows = tx.Exec(sql::kReportsUpdate, r.id, std::string(domain::ReportKindWord(r.kind)),
                      r.narrative, r.spent.amount);
  if (rows.empty()) {
    return status::Conflict("invalid_transition", "only a returned report can be changed");
  }
  return ReportFromRow(rows[0]);
}

absl::StatusOr<domain::Report> PgReportRepository::Move(db::Tx& tx, const std::string& id,
                                                        domain::ReportStatus from,
                                                        domain::ReportStatus to,
                                                        const std::string& note) {
  auto rows = tx.Exec(sql::kReportsSetStatus, id, std::string(domain::ReportStatusWord(to)),
                      std::string(domain::ReportStatusWord(from)), note);
  if (rows.empty()) {
    return status::Conflict("invalid_transition", "the report is no longer " +
                                                      std::string(domain::ReportStatusWord(from)));
  }
  return ReportFromRow(rows[0]);
}

absl::StatusOr<bool> PgReportRepository::HasAccepted(db::Tx& tx, const std::string& grant_id,
                                                     domain::ReportKind kind) {
  auto rows =
      tx.Exec(sql::kReportsAcceptedExists, grant_id, std::string(domain::ReportKindWord(kind)));
  return rows[0]["accepted"].as<bool>();
}

}  // namespace iris::grants::storage
