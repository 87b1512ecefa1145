#include "services/membership/storage/application_pg_repository.hpp"

#include <nlohmann/json.hpp>

#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "membership_sql.hpp"
#include "services/membership/storage/pg_organization_repository.hpp"

namespace iris::membership::storage {
namespace {

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

// Columns in the order every applications_*.sql statement selects them.
absl::StatusOr<domain::MembershipApplication> ToApplication(const pqxx::row& r) {
  domain::MembershipApplication a;
  a.id = r[0].as<std::string>();
  a.organization = OrganizationFrom(nlohmann::json::parse(r[1].c_str()));
  a.organization.country = r[2].as<std::string>();
  a.contact_name = r[3].as<std::string>();
  a.contact_email = r[4].as<std::string>();
  a.motivation = r[5].as<std::string>();
  auto status = domain::ParseApplicationStatus(r[6].as<std::string>());
  if (!status) return absl::InternalError("application row with unknown status");
  a.status = *status;
  a.status_note = r[7].as<std::string>();
  if (!r[8].is_null()) a.status_changed_at = db::TimeOf(r[8]);
  a.organization_id = r[9].as<std::string>();
  a.version = r[10].as<int64_t>();
  a.created_at = db::TimeOf(r[11]);
  a.updated_at = db::TimeOf(r[12]);
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
  return ToApplication(rows[0]);
}

absl::StatusOr<domain::MembershipApplication> PgApplicationRepository::FindForUpdate(
    db::Tx& tx, const std::string& id) {
  if (!IsUuid(id)) return NotFound(id);
  auto rows = tx.Exec(sql::kApplicationsFindByIdForUpdate, id);
  if (rows.empty()) return NotFound(id);
  return ToApplication(rows[0]);
}

absl::StatusOr<domain::MembershipApplication> PgApplicationRepository::Insert(
    db::Tx& tx, const domain::MembershipApplication& a) {
  auto rows = tx.Exec(sql::kApplicationsInsert, OrganizationJson(a.organization).dump(),
                      a.organization.country, a.contact_name, a.contact_email, a.motivation);
  return ToApplication(rows.at(0));
}

absl::StatusOr<domain::MembershipApplication> PgApplicationRepository::Decide(
    db::Tx& tx, const std::string& id, domain::ApplicationStatus status, const std::string& note,
    const std::string& organization_id) {
  auto rows = tx.Exec(sql::kApplicationsDecide, id,
                      std::string(domain::ApplicationStatusWord(status)), note, organization_id);
  if (rows.empty()) {
    return status::Conflict("invalid_transition", "the application has already been decided");
  }
  return ToApplication(rows[0]);
}

absl::StatusOr<ApplicationPage> PgApplicationRepository::List(db::Tx& tx,
                                                              const ApplicationQuery& q) {
  const std::string after_at = q.after ? db::TimestampText(q.after->created_at_us) : "-infinity";
  const std::string after_id =
      q.after ? q.after->id : std::string("00000000-0000-0000-0000-000000000000");
  auto rows = tx.Exec(sql::kApplicationsList, q.see_all, q.own_country, q.status, q.country,
                      after_at, after_id, q.limit + 1);
  ApplicationPage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == q.limit) {
      const auto& last = page.items.back();
      page.next = ApplicationPosition{last.created_at.time_since_epoch().count(), last.id};
      break;
    }
    IRIS_ASSIGN_OR_RETURN(auto a, ToApplication(r));
    page.items.push_back(std::move(a));
  }
  return page;
}

}  // namespace iris::membership::storage
