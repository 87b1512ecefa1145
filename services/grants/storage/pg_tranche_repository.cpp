#include "services/grants/storage/pg_tranche_repository.hpp"

#include "grants_sql.hpp"
#include "libs/db/row.hpp"
#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"

namespace iris::grants::storage {
namespace {

// A row of any tranches_*.sql statement, by {{tranches_columns}}' names.
absl::StatusOr<domain::Tranche> TrancheFromRow(const db::Row& r) {
  const auto status = domain::ParseTrancheStatus(r["status"].as<std::string>());
  if (!status) return absl::InternalError("tranche row with unknown status");
  domain::Tranche t;
  t.id = r["id"].as<std::string>();
  t.grant_id = r["grant_id"].as<std::string>();
  t.amount = {r["amount"].as<int64_t>(), r["currency"].as<std::string>()};
  t.due_on = domain::ParseDate(r["due_on"].as<std::string>()).value_or(domain::LocalDate{});
  t.requires_report = domain::ParseReportKind(r["requires_report"].as<std::string>());
  t.status = *status;
  t.paid_on = domain::ParseDate(r["paid_on"].as<std::string>());
  t.status_note = r["status_note"].as<std::string>();
  t.status_changed_at = db::OptionalTimeOf(r["status_changed_at_us"]);
  t.version = r["version"].as<int64_t>();
  t.created_at = db::TimeOf(r["created_at_us"]);
  t.updated_at = db::TimeOf(r["updated_at_us"]);
  return t;
}

absl::Status NotFound(const std::string& id) {
  return absl::NotFoundError("tranche " + id + " not found");
}

}  // namespace

absl::StatusOr<domain::Tranche> PgTrancheRepository::Insert(db::Tx& tx, const domain::Tranche& t) {
  const std::string requires_report =
      t.requires_report ? std::string(domain::ReportKindWord(*t.requires_report)) : "";
  auto rows = tx.Exec(sql::kTranchesInsert, t.grant_id, t.amount.amount, domain::DateText(t.due_on),
                      requires_report);
  return TrancheFromRow(rows.at(0));
}

absl::StatusOr<domain::Tranche> PgTrancheRepository::FindById(db::Tx& tx, const std::string& id) {
  if (!values::IsUuid(id)) return NotFound(id);
  auto rows = tx.Exec(sql::kTranchesFindById, id);
  if (rows.empty()) return NotFound(id);
  return TrancheFromRow(rows[0]);
}

absl::StatusOr<domain::Tranche> PgTrancheRepository::FindForUpdate(db::Tx& tx,
                                                                   const std::string& id) {
  if (!values::IsUuid(id)) return NotFound(id);
  auto rows = tx.Exec(sql::kTranchesFindForUpdate, id);
  if (rows.empty()) return NotFound(id);
  return TrancheFromRow(rows[0]);
}

absl::StatusOr<std::vector<domain::Tranche>> PgTrancheRepository::ListByGrant(
    db::Tx& tx, const std::string& grant_id) {
  std::vector<domain::Tranche> out;
  db::ColumnMemo memo;
  for (const auto& raw : tx.Exec(sql::kTranchesListByGrant, grant_id)) {
    IRIS_ASSIGN_OR_RETURN(auto t, TrancheFromRow(db::Row(raw, &memo)));
    out.push_back(std::move(t));
  }
  return out;
}

absl::StatusOr<domain::Tranche> PgTrancheRepository::Settle(
    db::Tx& tx, const std::string& id, domain::TrancheStatus to,
    const std::optional<domain::LocalDate>& paid_on, const std::string& note) {
  auto rows = tx.Exec(sql::kTranchesSetStatus, id, std::string(domain::TrancheStatusWord(to)),
                      paid_on ? domain::DateText(*paid_on) : std::string(), note);
  if (rows.empty()) {
    return status::Conflict("invalid_transition", "the tranche is no longer planned");
  }
  return TrancheFromRow(rows[0]);
}

}  // namespace iris::grants::storage
