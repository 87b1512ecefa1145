#include "services/membership/storage/pg_person_repository.hpp"

#include "libs/db/row.hpp"
#include "libs/db/sorted_statements.hpp"
#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"
#include "membership_sql.hpp"

namespace iris::membership::storage {
namespace {

using values::IsUuid;

// A row of any people_*.sql statement, by the column names they all select.
domain::Person PersonFromRow(const db::Row& r) {
  domain::Person p;
  p.id = r["id"].as<std::string>();
  p.organization_id = r["organization_id"].as<std::string>();
  p.name = r["name"].as<std::string>();
  p.email = r["email"].as<std::string>();
  p.phone = r["phone"].as<std::string>();
  p.role = r["role"].as<std::string>();
  p.languages = db::TextArrayOf(r["languages"]);
  p.consent.directory = r["consent_directory"].as<bool>();
  p.consent.newsletter = r["consent_newsletter"].as<bool>();
  p.consent_given_at = db::OptionalTimeOf(r["consent_given_at_us"]);
  p.version = r["version"].as<int64_t>();
  p.created_at = db::TimeOf(r["created_at_us"]);
  p.updated_at = db::TimeOf(r["updated_at_us"]);
  return p;
}

absl::Status NotFound(const std::string& id) {
  return absl::NotFoundError("person " + id + " not found");
}

absl::Status Stale() {
  return status::Conflict("stale_version",
                          "the person changed since you read it; fetch it and retry");
}

}  // namespace

absl::StatusOr<domain::Person> PgPersonRepository::FindById(db::Tx& tx, const std::string& id) {
  if (!IsUuid(id)) return NotFound(id);
  auto rows = tx.Exec(sql::kPeopleFindById, id);
  if (rows.empty()) return NotFound(id);
  return PersonFromRow(rows[0]);
}

absl::StatusOr<domain::Person> PgPersonRepository::FindForUpdate(db::Tx& tx,
                                                                 const std::string& id) {
  if (!IsUuid(id)) return NotFound(id);
  auto rows = tx.Exec(sql::kPeopleFindByIdForUpdate, id);
  if (rows.empty()) return NotFound(id);
  return PersonFromRow(rows[0]);
}

absl::StatusOr<domain::Person> PgPersonRepository::Insert(db::Tx& tx, const domain::Person& p) {
  auto rows = tx.Exec(sql::kPeopleInsert, p.organization_id, p.name, p.email, p.phone, p.role,
                      db::TextArray(p.languages), p.consent.directory, p.consent.newsletter);
  return PersonFromRow(rows.at(0));
}

absl::StatusOr<domain::Person> PgPersonRepository::Update(db::Tx& tx, const domain::Person& p,
                                                          int64_t expected_version,
                                                          bool consent_changed) {
  auto rows = tx.Exec(sql::kPeopleUpdate, p.id, expected_version, p.name, p.email, p.phone, p.role,
                      db::TextArray(p.languages), p.consent.directory, p.consent.newsletter,
                      consent_changed);
  if (rows.empty()) return Stale();
  return PersonFromRow(rows[0]);
}

absl::Status PgPersonRepository::Delete(db::Tx& tx, const std::string& id,
                                        int64_t expected_version) {
  if (!IsUuid(id)) return NotFound(id);
  if (tx.Exec(sql::kPeopleDelete, id, expected_version).empty()) return Stale();
  return absl::OkStatus();
}

absl::StatusOr<pagination::Rows<domain::Person>> PgPersonRepository::List(
    db::Tx& tx, const std::string& organization_id, const pagination::KeysetRequest& page) {
  if (!IsUuid(organization_id)) {
    pagination::Rows<domain::Person> none;
    if (page.include_total) none.total = pagination::TotalOf(0);
    return none;
  }
  const auto [key, id] = db::KeysetBindOf(page);
  return db::ListRows<domain::Person>(
      sql::kPeopleList, page,
      [&](const db::Statement& s, int rows) { return tx.Exec(s, organization_id, key, id, rows); },
      [](const db::Row& r) { return PersonFromRow(r); });
}

}  // namespace iris::membership::storage
