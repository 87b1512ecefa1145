#include "services/membership/storage/pg_organization_repository.hpp"

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

// A row of any organizations_*.sql statement, by the column names they all select.
absl::StatusOr<domain::Organization> OrganizationFromRow(const db::Row& r) {
  const auto kind = domain::ParseKind(r["kind"].as<std::string>());
  const auto status = domain::ParseStatus(r["status"].as<std::string>());
  // The CHECK constraints make these unreachable unless schema and code disagree.
  if (!kind || !status) return absl::InternalError("organization row with unknown kind/status");
  domain::Organization o;
  o.id = r["id"].as<std::string>();
  o.name = r["name"].as<std::string>();
  o.acronym = r["acronym"].as<std::string>();
  o.country = r["country"].as<std::string>();
  o.city = r["city"].as<std::string>();
  o.kind = *kind;
  o.target_groups = db::TextArrayOf(r["target_groups"]);
  o.email = r["email"].as<std::string>();
  o.website = r["website"].as<std::string>();
  o.registration_number = r["registration_number"].as<std::string>();
  o.description = db::LocalizedTextOf(r["description"]);
  o.address = r["address"].as<std::string>();
  o.phone = r["phone"].as<std::string>();
  o.logo_url = r["logo_url"].as<std::string>();
  // Built by the statement (json_agg), so its shape is ours; a parse failure is a bug.
  const auto contacts = nlohmann::json::parse(r["contacts"].as<std::string>());
  for (const auto& c : contacts) {
    o.contacts.push_back({c.at("name").get<std::string>(), c.at("role").get<std::string>(),
                          c.at("email").get<std::string>()});
  }
  o.status = *status;
  o.status_note = r["status_note"].as<std::string>();
  o.status_changed_at = db::OptionalTimeOf(r["status_changed_at_us"]);
  o.joined_at = r["joined_at"].as<std::string>();
  o.version = r["version"].as<int64_t>();
  o.created_at = db::TimeOf(r["created_at_us"]);
  o.updated_at = db::TimeOf(r["updated_at_us"]);
  return o;
}

absl::StatusOr<domain::Organization> One(const pqxx::result& rows, const std::string& id) {
  if (rows.empty()) return absl::NotFoundError("organization " + id + " not found");
  return OrganizationFromRow(rows[0]);
}

absl::Status Stale() {
  return status::Conflict("stale_version",
                          "the organization changed since you read it; fetch it and retry");
}

}  // namespace

absl::StatusOr<domain::Organization> PgOrganizationRepository::FindById(db::Tx& tx,
                                                                        const std::string& id) {
  if (!IsUuid(id)) return absl::NotFoundError("organization " + id + " not found");
  return One(tx.Exec(sql::kOrganizationsFindById, id), id);
}

absl::StatusOr<domain::Organization> PgOrganizationRepository::FindForUpdate(
    db::Tx& tx, const std::string& id) {
  if (!IsUuid(id)) return absl::NotFoundError("organization " + id + " not found");
  return One(tx.Exec(sql::kOrganizationsFindByIdForUpdate, id), id);
}

absl::StatusOr<domain::Organization> PgOrganizationRepository::FindForShare(db::Tx& tx,
                                                                            const std::string& id) {
  if (!IsUuid(id)) return absl::NotFoundError("organization " + id + " not found");
  return One(tx.Exec(sql::kOrganizationsFindByIdForShare, id), id);
}

absl::StatusOr<domain::Organization> PgOrganizationRepository::Insert(
    db::Tx& tx, const domain::Organization& o) {
  auto rows = tx.Exec(sql::kOrganizationsInsert, o.name, o.acronym, o.country, o.city,
                      std::string(domain::KindWord(o.kind)), db::TextArray(o.target_groups),
                      o.email, o.website, o.registration_number,
                      db::LocalizedTextJson(o.description), o.address, o.phone, o.logo_url);
  return OrganizationFromRow(rows.at(0));
}

absl::StatusOr<domain::Organization> PgOrganizationRepository::Update(db::Tx& tx,
                                                                      const domain::Organization& o,
                                                                      int64_t expected_version) {
  auto rows = tx.Exec(sql::kOrganizationsUpdate, o.id, expected_version, o.name, o.acronym,
                      o.country, o.city, std::string(domain::KindWord(o.kind)),
                      db::TextArray(o.target_groups), o.email, o.website, o.registration_number,
                      db::LocalizedTextJson(o.description), o.address, o.phone, o.logo_url);
  if (rows.empty()) return Stale();
  return OrganizationFromRow(rows[0]);
}

absl::StatusOr<domain::Organization> PgOrganizationRepository::SetStatus(
    db::Tx& tx, const std::string& id, int64_t expected_version, domain::OrganizationStatus status,
    const std::string& note) {
  auto rows = tx.Exec(sql::kOrganizationsSetStatus, id, expected_version,
                      std::string(domain::StatusWord(status)), note);
  if (rows.empty()) return Stale();
  return OrganizationFromRow(rows[0]);
}

absl::StatusOr<pagination::Rows<domain::Organization>> PgOrganizationRepository::List(
    db::Tx& tx, const OrganizationQuery& q) {
  const auto [key, id] = db::KeysetBindOf(q.page);
  const auto country = db::AnyOf(q.country), status = db::AnyOf(q.status), kind = db::AnyOf(q.kind),
             target_group = db::AnyOf(q.target_group);
  const bool search = !q.words.empty();
  const std::string words = db::TextArray(q.words);
  return db::ListRows<domain::Organization>(
      search ? sql::kOrganizationsSearch : sql::kOrganizationsList, q.page,
      [&](const db::Statement& s, int rows) {
        return search ? tx.Exec(s, q.see_all, q.own_country, q.own_organization, country, status,
                                kind, target_group, key, id, rows, words)
                      : tx.Exec(s, q.see_all, q.own_country, q.own_organization, country, status,
                                kind, target_group, key, id, rows);
      },
      [](const db::Row& r) { return OrganizationFromRow(r); });
}

}  // namespace iris::membership::storage
