#include "services/membership/storage/pg_social_service_repository.hpp"

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

// A row of any social_services_*.sql statement, by the column names they all select.
absl::StatusOr<domain::SocialService> SocialServiceFromRow(const db::Row& r) {
  const auto status = domain::ParseLicensing(r["licensing_status"].as<std::string>());
  // The CHECK constraint makes this unreachable unless schema and code disagree.
  if (!status) return absl::InternalError("service row with unknown licensing status");
  domain::SocialService s;
  s.id = r["id"].as<std::string>();
  s.organization_id = r["organization_id"].as<std::string>();
  s.organization_name = r["organization_name"].as<std::string>();
  s.name = db::LocalizedTextOf(r["name"]);
  s.category = r["category"].as<std::string>();
  s.target_groups = db::TextArrayOf(r["target_groups"]);
  s.municipalities = db::TextArrayOf(r["municipalities"]);
  if (!r["capacity"].is_null()) s.capacity = r["capacity"].as<int64_t>();
  s.licensing = {.status = *status,
                 .licence_number = r["licence_number"].as<std::string>(),
                 .authority = r["licence_authority"].as<std::string>(),
                 .valid_until = r["licence_valid_until"].as<std::string>()};
  s.version = r["version"].as<int64_t>();
  s.created_at = db::TimeOf(r["created_at_us"]);
  s.updated_at = db::TimeOf(r["updated_at_us"]);
  return s;
}

std::optional<int64_t> Capacity(const domain::SocialService& s) { return s.capacity; }

absl::StatusOr<domain::SocialService> One(const pqxx::result& rows, const std::string& id) {
  if (rows.empty()) return absl::NotFoundError("service " + id + " not found");
  return SocialServiceFromRow(rows[0]);
}

absl::Status Stale() {
  return status::Conflict("stale_version",
                          "the service changed since you read it; fetch it and retry");
}

}  // namespace

absl::StatusOr<domain::SocialService> PgSocialServiceRepository::FindById(db::Tx& tx,
                                                                          const std::string& id) {
  if (!IsUuid(id)) return absl::NotFoundError("service " + id + " not found");
  return One(tx.Exec(sql::kSocialServicesFindById, id), id);
}

absl::StatusOr<domain::SocialService> PgSocialServiceRepository::FindForUpdate(
    db::Tx& tx, const std::string& id) {
  if (!IsUuid(id)) return absl::NotFoundError("service " + id + " not found");
  return One(tx.Exec(sql::kSocialServicesFindByIdForUpdate, id), id);
}

absl::StatusOr<domain::SocialService> PgSocialServiceRepository::Insert(
    db::Tx& tx, const domain::SocialService& s) {
  auto rows = tx.Exec(sql::kSocialServicesInsert, s.organization_id, db::LocalizedTextJson(s.name),
                      s.category, db::TextArray(s.target_groups), db::TextArray(s.municipalities),
                      Capacity(s), std::string(domain::LicensingWord(s.licensing.status)),
                      s.licensing.licence_number, s.licensing.authority, s.licensing.valid_until);
  return SocialServiceFromRow(rows.at(0));
}

absl::StatusOr<domain::SocialService> PgSocialServiceRepository::Update(
    db::Tx& tx, const domain::SocialService& s, int64_t expected_version) {
  auto rows =
      tx.Exec(sql::kSocialServicesUpdate, s.id, expected_version, db::LocalizedTextJson(s.name),
              s.category, db::TextArray(s.target_groups), db::TextArray(s.municipalities),
              Capacity(s), std::string(domain::LicensingWord(s.licensing.status)),
              s.licensing.licence_number, s.licensing.authority, s.licensing.valid_until);
  if (rows.empty()) return Stale();
  return SocialServiceFromRow(rows[0]);
}

absl::Status PgSocialServiceRepository::Delete(db::Tx& tx, const std::string& id,
                                               int64_t expected_version) {
  if (tx.Exec(sql::kSocialServicesDelete, id, expected_version).empty()) return Stale();
  return absl::OkStatus();
}

absl::StatusOr<pagination::Rows<domain::SocialService>> PgSocialServiceRepository::List(
    db::Tx& tx, const SocialServiceQuery& q) {
  const auto [key, id] = db::KeysetBindOf(q.page);
  const auto country = db::AnyOf(q.country), target_group = db::AnyOf(q.target_group),
             category = db::AnyOf(q.category), licensing = db::AnyOf(q.licensing_status);
  return db::ListRows<domain::SocialService>(
      sql::kSocialServicesList, q.page,
      [&](const db::Statement& s, int rows) {
        return tx.Exec(s, q.see_all, q.own_country, q.own_organization, q.organization_id, country,
                       target_group, category, licensing, q.licence_expires_before, key, id, rows);
      },
      [](const db::Row& r) { return SocialServiceFromRow(r); });
}

absl::StatusOr<std::vector<ServiceCategory>> PgSocialServiceRepository::ListCategories(db::Tx& tx) {
  std::vector<ServiceCategory> out;
  for (const auto& r : tx.Exec(sql::kSocialServicesCategories)) {
    out.push_back({r["code"].as<std::string>(), db::LocalizedTextOf(r["name"])});
  }
  return out;
}

}  // namespace iris::membership::storage
