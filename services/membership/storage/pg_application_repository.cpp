#include "services/membership/storage/pg_application_repository.hpp"

#include <nlohmann/json.hpp>

#include "libs/db/row.hpp"
#include "libs/db/sorted_statements.hpp"
#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"
#include "membership_sql.hpp"

namespace iris::membership::storage {
namespace {

using values::IsUuid;

// The proposed organisation as stored: its writable fields.
nlohmann::json OrganizationJson(const domain::Organization& o) {
  return {{"name", o.name},
          {"acronym", o.acronym},
          {"country", o.country},
          {"city", o.city},
          {"target_groups", o.target_groups},
          {"email", o.email},
          {"website", o.website},
          {"registration_number", o.registration_number}};
}

domain::Organization OrganizationFrom(const nlohmann::json& j) {
  domain::Organization o;
  o.name = j.value("name", "");
  o.acronym = j.value("acronym", "");
  o.country = j.value("country", "");
  o.city = j.value("city", "");
  o.target_groups = j.value("target_groups", std::vector<std::string>{});
  o.email = j.value("email", "");
  o.website = j.value("website", "");
  o.registration_number = j.value("registration_number", "");
  o.kind = domain::OrganizationKind::kMemberCso;
  o.status = domain::OrganizationStatus::kApplicant;
  return o;
}

// A row of any applications_*.sql statement, by the column names they all select.
absl::StatusOr<domain::MembershipApplication> ApplicationFromRow(const db::Row& r) {
  const auto status = domain::ParseApplicationStatus(r["status"].as<std::string>());
  if (!status) return absl::InternalError("application row with unknown status");
  domain::MembershipApplication a;
  a.id = r["id"].as<std::string>();
  a.organization = OrganizationFrom(nlohmann::json::parse(r["organization"].c_str()));
  a.organization.country = r["country"].as<std::string>();
  a.contact_name = r["contact_name"].as<std::string>();
  a.contact_email = r["contact_email"].as<std::string>();
  a.motivation = r["motivation"].as<std::string>();
  a.status = *status;
  a.status_note = r["status_note"].as<std::string>();
  a.status_changed_at = db::OptionalTimeOf(r["status_changed_at_us"]);
  a.organization_id = r["organization_id"].as<std::string>();
  a.version = r["version"].as<int64_t>();
  a.created_at = db::TimeOf(r["created_at_us"]);
  a.updated_at = db::TimeOf(r["updated_at_us"]);
  return a;
}

absl::Status NotFound(const std::string& id) {
  return absl::NotFoundError("membership application " + id + " not found");
}

}  // namespace

absl::StatusOr<domain::MembershipApplication> PgApplicationRepository::FindById(
    db::Tx& tx, const std::string& id) {
  if (!IsUuid(id)) return NotFound(id);
  auto rows = tx.Exec(sql::kApplicationsFindById, id);
  if (rows.empty()) return NotFound(id);
  return ApplicationFromRow(rows[0]);
}

absl::StatusOr<domain::MembershipApplication> PgApplicationRepository::FindForUpdate(
    db::Tx& tx, const std::string& id) {
  if (!IsUuid(id)) return NotFound(id);
  auto rows = tx.Exec(sql::kApplicationsFindByIdForUpdate, id);
  if (rows.empty()) return NotFound(id);
  return ApplicationFromRow(rows[0]);
}

absl::StatusOr<domain::MembershipApplication> PgApplicationRepository::FindByStatusToken(
    db::Tx& tx, const std::string& token_hash) {
  auto rows = tx.Exec(sql::kApplicationsFindByStatusToken, token_hash);
  if (rows.empty()) return absl::NotFoundError("no application has this status link");
  return ApplicationFromRow(rows[0]);
}

absl::StatusOr<domain::MembershipApplication> PgApplicationRepository::Insert(
    db::Tx& tx, const domain::MembershipApplication& a, const std::string& status_token_hash) {
  auto rows = tx.Exec(sql::kApplicationsInsert, OrganizationJson(a.organization).dump(),
                      a.organization.country, a.contact_name, a.contact_email, a.motivation,
                      status_token_hash);
  return ApplicationFromRow(rows.at(0));
}

absl::StatusOr<domain::MembershipApplication> PgApplicationRepository::Decide(
    db::Tx& tx, const std::string& id, domain::ApplicationStatus status, const std::string& note,
    const std::string& organization_id) {
  auto rows = tx.Exec(sql::kApplicationsDecide, id,
                      std::string(domain::ApplicationStatusWord(status)), note, organization_id);
  if (rows.empty()) {
    return status::Conflict("invalid_transition", "the application has already been decided");
  }
  return ApplicationFromRow(rows[0]);
}

absl::StatusOr<pagination::Rows<domain::MembershipApplication>> PgApplicationRepository::List(
    db::Tx& tx, const ApplicationQuery& q) {
  const auto [key, id] = db::KeysetBindOf(q.page);
  const auto status = db::AnyOf(q.status), country = db::AnyOf(q.country);
  return db::ListRows<domain::MembershipApplication>(
      sql::kApplicationsList, q.page,
      [&](const db::Statement& s, int rows) {
        return tx.Exec(s, q.see_all, q.own_country, status, country, key, id, rows);
      },
      [](const db::Row& r) { return ApplicationFromRow(r); });
}

}  // namespace iris::membership::storage
