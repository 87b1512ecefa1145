#include "services/grants/storage/pg_application_repository.hpp"

#include <nlohmann/json.hpp>

#include "grants_sql.hpp"
#include "libs/db/row.hpp"
#include "libs/db/sorted_statements.hpp"
#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"

namespace iris::grants::storage {
namespace {

using values::IsUuid;

// Stored without currency: every amount of an application is in its call's currency.
std::string BudgetLinesJson(const std::vector<domain::BudgetLine>& lines) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& l : lines) {
    out.push_back(
        {{"category", l.category}, {"description", l.description}, {"amount", l.amount.amount}});
  }
  return out.dump();
}

std::vector<domain::BudgetLine> BudgetLinesFrom(const nlohmann::json& j,
                                                const std::string& currency) {
  std::vector<domain::BudgetLine> lines;
  if (!j.is_array()) return lines;
  for (const auto& l : j) {
    lines.push_back({l.value("category", ""),
                     l.value("description", ""),
                     {l.value("amount", int64_t{0}), currency}});
  }
  return lines;
}

absl::StatusOr<domain::Application> ApplicationFromRow(const db::Row& r) {
  const auto status = domain::ParseApplicationStatus(r["status"].as<std::string>());
  if (!status) return absl::InternalError("application row with unknown status");
  domain::Application a;
  a.id = r["id"].as<std::string>();
  a.call_id = r["call_id"].as<std::string>();
  a.organization_id = r["organization_id"].as<std::string>();
  a.organization_name = r["organization_name"].as<std::string>();
  a.country = r["country"].as<std::string>();
  a.project_title = r["project_title"].as<std::string>();
  a.summary = r["summary"].as<std::string>();
  const std::string currency = r["currency"].as<std::string>();
  a.requested = {r["requested"].as<int64_t>(), currency};
  a.duration_months = r["duration_months"].as<int>();
  a.budget_lines = BudgetLinesFrom(nlohmann::json::parse(r["budget_lines"].c_str()), currency);
  a.status = *status;
  a.status_note = r["status_note"].as<std::string>();
  a.status_changed_at = db::OptionalTimeOf(r["status_changed_at_us"]);
  a.submitted_at = db::OptionalTimeOf(r["submitted_at_us"]);
  if (!r["score_hundredths"].is_null()) a.score_hundredths = r["score_hundredths"].as<int64_t>();
  a.review_count = r["review_count"].as<int>();
  a.grant_id = r["grant_id"].as<std::string>();
  a.version = r["version"].as<int64_t>();
  a.created_at = db::TimeOf(r["created_at_us"]);
  a.updated_at = db::TimeOf(r["updated_at_us"]);
  return a;
}

domain::CallFacts CallFromRow(const db::Row& r) {
  domain::CallFacts c;
  c.id = r["id"].as<std::string>();
  c.status = r["status"].as<std::string>();
  c.opens_at = db::TimeOf(r["opens_at_us"]);
  c.closes_at = db::TimeOf(r["closes_at_us"]);
  c.currency = r["currency"].as<std::string>();
  c.max_award = r["max_award"].as<int64_t>();
  c.eligible_countries = db::TextArrayOf(r["eligible_countries"]);
  const auto criteria = nlohmann::json::parse(r["criteria"].c_str(), nullptr, false);
  if (criteria.is_array()) {
    for (const auto& k : criteria) {
      if (!k.is_object()) continue;
      c.criteria.push_back({k.value("key", ""), k.value("weight", 0)});
    }
  }
  return c;
}

absl::Status NotFound(const std::string& id) {
  return absl::NotFoundError("grant application " + id + " not found");
}
absl::Status CallNotFound(const std::string& id) {
  return absl::NotFoundError("grant call " + id + " not found");
}

absl::StatusOr<domain::Application> One(const pqxx::result& rows, const std::string& id) {
  if (rows.empty()) return NotFound(id);
  return ApplicationFromRow(rows[0]);
}

}  // namespace

absl::StatusOr<domain::CallFacts> PgApplicationRepository::FindCall(db::Tx& tx,
                                                                    const std::string& call_id) {
  if (!IsUuid(call_id)) return CallNotFound(call_id);
  auto rows = tx.Exec(sql::kApplicationsFindCall, call_id);
  if (rows.empty()) return CallNotFound(call_id);
  return CallFromRow(rows[0]);
}

absl::StatusOr<domain::CallFacts> PgApplicationRepository::FindCallForShare(
    db::Tx& tx, const std::string& call_id) {
  if (!IsUuid(call_id)) return CallNotFound(call_id);
  auto rows = tx.Exec(sql::kApplicationsFindCallForShare, call_id);
  if (rows.empty()) return CallNotFound(call_id);
  return CallFromRow(rows[0]);
}

absl::StatusOr<domain::Application> PgApplicationRepository::FindById(db::Tx& tx,
                                                                      const std::string& id) {
  if (!IsUuid(id)) return NotFound(id);
  return One(tx.Exec(sql::kApplicationsFindById, id), id);
}

absl::StatusOr<domain::Application> PgApplicationRepository::FindForUpdate(db::Tx& tx,
                                                                           const std::string& id) {
  if (!IsUuid(id)) return NotFound(id);
  return One(tx.Exec(sql::kApplicationsFindByIdForUpdate, id), id);
}

absl::StatusOr<bool> PgApplicationRepository::IsAssigned(db::Tx& tx,
                                                         const std::string& application_id,
                                                         const std::string& reviewer_id) {
  if (!IsUuid(application_id) || !IsUuid(reviewer_id)) return false;
  auto rows = tx.Exec(sql::kApplicationsIsAssigned, application_id, reviewer_id);
  return rows[0]["assigned"].as<bool>();
}

absl::StatusOr<domain::Application> PgApplicationRepository::Insert(db::Tx& tx,
                                                                    const domain::Application& a) {
  auto rows =
      tx.Exec(sql::kApplicationsInsert, a.call_id, a.organization_id, a.project_title, a.summary,
              a.requested.amount, a.duration_months, BudgetLinesJson(a.budget_lines));
  return ApplicationFromRow(rows.at(0));
}

absl::StatusOr<domain::Application> PgApplicationRepository::Update(db::Tx& tx,
                                                                    const domain::Application& a) {
  auto rows = tx.Exec(sql::kApplicationsUpdate, a.id, a.project_title, a.summary,
                      a.requested.amount, a.duration_months, BudgetLinesJson(a.budget_lines));
  if (rows.empty()) {
    return status::Conflict("invalid_transition", "only a draft application can be changed");
  }
  return ApplicationFromRow(rows[0]);
}

absl::StatusOr<domain::Application> PgApplicationRepository::Submit(
    db::Tx& tx, const std::string& id, const std::string& organization_name,
    const std::string& country) {
  auto rows = tx.Exec(sql::kApplicationsSubmit, id, organization_name, country);
  if (rows.empty()) {
    return status::Conflict("invalid_transition", "only a draft application can be submitted");
  }
  return ApplicationFromRow(rows[0]);
}

absl::StatusOr<domain::Application> PgApplicationRepository::SetStatus(
    db::Tx& tx, const std::string& id, domain::ApplicationStatus status, const std::string& note) {
  return One(tx.Exec(sql::kApplicationsSetStatus, id,
                     std::string(domain::ApplicationStatusWord(status)), note),
             id);
}

absl::StatusOr<pagination::Rows<domain::Application>> PgApplicationRepository::List(
    db::Tx& tx, const ApplicationQuery& q) {
  if (!IsUuid(q.call_id)) return pagination::Rows<domain::Application>{};
  const auto [key, id] = db::KeysetBindOf(q.page);
  const auto status = db::AnyOf(q.status), country = db::AnyOf(q.country);
  return db::ListRows<domain::Application>(
      sql::kApplicationsList, q.page,
      [&](const db::Statement& s, int rows) {
        return tx.Exec(s, q.call_id, q.see_all, q.own_country, q.organization_id, q.reviewer_id,
                       status, country, key, id, rows);
      },
      [](const db::Row& r) { return ApplicationFromRow(r); });
}

absl::StatusOr<std::vector<domain::Application>> PgApplicationRepository::Ranking(
    db::Tx& tx, const std::string& call_id) {
  std::vector<domain::Application> out;
  if (!IsUuid(call_id)) return out;
  db::ColumnMemo memo;
  for (const auto& raw : tx.Exec(sql::kApplicationsRanking, call_id)) {
    IRIS_ASSIGN_OR_RETURN(auto a, ApplicationFromRow(db::Row(raw, &memo)));
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace iris::grants::storage
