#include "services/grants/storage/pg_award_repository.hpp"

#include "grants_sql.hpp"
#include "libs/db/row.hpp"
#include "libs/db/sorted_statements.hpp"
#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"

namespace iris::grants::storage {
namespace {

using values::IsUuid;

domain::LocalDate DateOf(const pqxx::field& f) {
  return domain::ParseDate(f.as<std::string>()).value_or(domain::LocalDate{});
}

// A row of any awards_*.sql statement that returns a grant, by {{awards_columns}}' names.
domain::Grant GrantFromRow(const db::Row& r) {
  domain::Grant g;
  g.id = r["id"].as<std::string>();
  g.application_id = r["application_id"].as<std::string>();
  g.call_id = r["call_id"].as<std::string>();
  g.organization_id = r["organization_id"].as<std::string>();
  g.organization_name = r["organization_name"].as<std::string>();
  g.country = r["country"].as<std::string>();
  g.project_title = r["project_title"].as<std::string>();
  g.amount = {r["amount"].as<int64_t>(), r["currency"].as<std::string>()};
  g.contract_number = r["contract_number"].as<std::string>();
  g.starts_on = DateOf(r["starts_on"]);
  g.ends_on = DateOf(r["ends_on"]);
  g.awarded_at = db::TimeOf(r["awarded_at_us"]);
  g.planned = r["planned"].as<int64_t>();
  g.paid = r["paid"].as<int64_t>();
  g.version = r["version"].as<int64_t>();
  g.created_at = db::TimeOf(r["created_at_us"]);
  g.updated_at = db::TimeOf(r["updated_at_us"]);
  return g;
}

absl::Status GrantNotFound(const std::string& id) {
  return absl::NotFoundError("grant " + id + " not found");
}

absl::Status ApplicationNotFound(const std::string& id) {
  return absl::NotFoundError("grant application " + id + " not found");
}

}  // namespace

absl::StatusOr<std::string> PgAwardRepository::CallOfApplication(db::Tx& tx,
                                                                 const std::string& id) {
  if (!IsUuid(id)) return ApplicationNotFound(id);
  auto rows = tx.Exec(sql::kAwardsApplicationCall, id);
  if (rows.empty()) return ApplicationNotFound(id);
  return rows[0]["call_id"].as<std::string>();
}

absl::StatusOr<domain::AwardCall> PgAwardRepository::LockCall(db::Tx& tx, const std::string& id) {
  if (!IsUuid(id)) return absl::NotFoundError("grant call " + id + " not found");
  auto rows = tx.Exec(sql::kAwardsLockCall, id);
  if (rows.empty()) return absl::NotFoundError("grant call " + id + " not found");
  const db::Row r(rows[0]);
  domain::AwardCall c;
  c.id = r["id"].as<std::string>();
  c.status = r["status"].as<std::string>();
  c.currency = r["currency"].as<std::string>();
  c.budget = r["budget"].as<int64_t>();
  c.awarded = r["awarded"].as<int64_t>();
  c.grant_count = r["grant_count"].as<int>();
  c.opens_year = r["opens_year"].as<int>();
  return c;
}

absl::StatusOr<domain::AwardApplication> PgAwardRepository::LockApplication(db::Tx& tx,
                                                                            const std::string& id) {
  if (!IsUuid(id)) return ApplicationNotFound(id);
  auto rows = tx.Exec(sql::kAwardsLockApplication, id);
  if (rows.empty()) return ApplicationNotFound(id);
  const db::Row r(rows[0]);
  domain::AwardApplication a;
  a.id = r["id"].as<std::string>();
  a.call_id = r["call_id"].as<std::string>();
  a.status = r["status"].as<std::string>();
  a.requested = r["requested"].as<int64_t>();
  a.organization_id = r["organization_id"].as<std::string>();
  a.organization_name = r["organization_name"].as<std::string>();
  a.country = r["country"].as<std::string>();
  a.project_title = r["project_title"].as<std::string>();
  a.version = r["version"].as<int64_t>();
  return a;
}

absl::StatusOr<std::optional<domain::Allocation>> PgAwardRepository::LockAllocation(
    db::Tx& tx, const std::string& call_id, const std::string& country) {
  auto rows = tx.Exec(sql::kAwardsLockAllocation, call_id, country);
  if (rows.empty()) return std::optional<domain::Allocation>();
  const db::Row r(rows[0]);
  return std::optional<domain::Allocation>(
      domain::Allocation{r["amount"].as<int64_t>(), r["awarded"].as<int64_t>()});
}

absl::StatusOr<int> PgAwardRepository::AddToCall(db::Tx& tx, const std::string& call_id,
                                                 int64_t amount) {
  auto rows = tx.Exec(sql::kAwardsAddToCall, call_id, amount);
  if (rows.empty())
    return status::Conflict("over_budget", "the award would pass the call's budget");
  return rows[0]["grant_count"].as<int>();
}

absl::Status PgAwardRepository::AddToAllocation(db::Tx& tx, const std::string& call_id,
                                                const std::string& country, int64_t amount) {
  auto rows = tx.Exec(sql::kAwardsAddToAllocation, call_id, country, amount);
  if (rows.empty()) {
    return status::Conflict("over_allocation", "the award would pass the allocation of " + country);
  }
  return absl::OkStatus();
}

absl::StatusOr<int> PgAwardRepository::NextContractSequence(db::Tx& tx, int year) {
  tx.Exec(sql::kAwardsLockContractYear, year);
  auto rows = tx.Exec(sql::kAwardsNextContractSequence, year);
  return rows[0]["next"].as<int>();
}

absl::StatusOr<int64_t> PgAwardRepository::MarkApplicationAwarded(db::Tx& tx,
                                                                  const std::string& id) {
  auto rows = tx.Exec(sql::kAwardsMarkApplication, id);
  if (rows.empty()) {
    return status::Conflict("invalid_transition", "the application is no longer under review");
  }
  return rows[0]["version"].as<int64_t>();
}

absl::StatusOr<domain::Grant> PgAwardRepository::Insert(db::Tx& tx, const domain::Grant& g) {
  auto rows =
      tx.Exec(sql::kAwardsInsert, g.application_id, g.call_id, g.organization_id,
              g.organization_name, g.country, g.project_title, g.amount.currency, g.amount.amount,
              g.contract_number, domain::DateText(g.starts_on), domain::DateText(g.ends_on));
  return GrantFromRow(rows.at(0));
}

absl::StatusOr<domain::Grant> PgAwardRepository::FindById(db::Tx& tx, const std::string& id) {
  if (!IsUuid(id)) return GrantNotFound(id);
  auto rows = tx.Exec(sql::kAwardsFindById, id);
  if (rows.empty()) return GrantNotFound(id);
  return GrantFromRow(rows[0]);
}

absl::StatusOr<domain::Grant> PgAwardRepository::FindForUpdate(db::Tx& tx, const std::string& id) {
  if (!IsUuid(id)) return GrantNotFound(id);
  auto rows = tx.Exec(sql::kAwardsFindForUpdate, id);
  if (rows.empty()) return GrantNotFound(id);
  return GrantFromRow(rows[0]);
}

absl::StatusOr<domain::Grant> PgAwardRepository::AddToSums(db::Tx& tx, const std::string& id,
                                                           int64_t planned, int64_t paid) {
  auto rows = tx.Exec(sql::kAwardsAddToSums, id, planned, paid);
  if (rows.empty()) {
    return status::Conflict("over_award", "the grant's tranches would pass its amount");
  }
  return GrantFromRow(rows[0]);
}

absl::StatusOr<pagination::Rows<domain::Grant>> PgAwardRepository::List(db::Tx& tx,
                                                                        const GrantQuery& q) {
  const auto [key, id] = db::KeysetBindOf(q.page);
  const auto calls = db::AnyOf(q.call_id), orgs = db::AnyOf(q.organization_id),
             countries = db::AnyOf(q.country);
  return db::ListRows<domain::Grant>(
      sql::kAwardsList, q.page,
      [&](const db::Statement& s, int rows) {
        return tx.Exec(s, calls, orgs, countries, key, id, rows);
      },
      [](const db::Row& r) { return GrantFromRow(r); });
}

}  // namespace iris::grants::storage
