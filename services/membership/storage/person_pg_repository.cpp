#include "services/membership/storage/person_pg_repository.hpp"

#include <nlohmann/json.hpp>

#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "membership_sql.hpp"
#include "services/membership/storage/pg_organization_repository.hpp"

namespace iris::membership::storage {
namespace {

// Columns in the order every people_*.sql statement selects them.
domain::Person ToPerson(const pqxx::row& r) {
  domain::Person p;
  p.id = r[0].as<std::string>();
  p.organization_id = r[1].as<std::string>();
  p.name = r[2].as<std::string>();
  p.email = r[3].as<std::string>();
  p.phone = r[4].as<std::string>();
  p.role = r[5].as<std::string>();
  for (const auto& l : nlohmann::json::parse(r[6].c_str())) {
    p.languages.push_back(l.get<std::string>());
  }
  p.consent.directory = r[7].as<bool>();
  p.consent.newsletter = r[8].as<bool>();
  if (!r[9].is_null()) p.consent_given_at = db::TimeOf(r[9]);
  p.version = r[10].as<int64_t>();
  p.created_at = db::TimeOf(r[11]);
  p.updated_at = db::TimeOf(r[12]);
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
  return ToPerson(rows[0]);
}

absl::StatusOr<domain::Person> PgPersonRepository::FindForUpdate(db::Tx& tx,
                                                                 const std::string& id) {
  if (!IsUuid(id)) return NotFound(id);
  auto rows = tx.Exec(sql::kPeopleFindByIdForUpdate, id);
  if (rows.empty()) return NotFound(id);
  return ToPerson(rows[0]);
}

absl::StatusOr<domain::Person> PgPersonRepository::Insert(db::Tx& tx, const domain::Person& p) {
  auto rows = tx.Exec(sql::kPeopleInsert, p.organization_id, p.name, p.email, p.phone, p.role,
                      db::TextArray(p.languages), p.consent.directory, p.consent.newsletter);
  return ToPerson(rows.at(0));
}

absl::StatusOr<domain::Person> PgPersonRepository::Update(db::Tx& tx, const domain::Person& p,
                                                          int64_t expected_version,
                                                          bool consent_changed) {
  auto rows = tx.Exec(sql::kPeopleUpdate, p.id, expected_version, p.name, p.email, p.phone,
                      p.role, db::TextArray(p.languages), p.consent.directory,
                      p.consent.newsletter, consent_changed);
  if (rows.empty()) return Stale();
  return ToPerson(rows[0]);
}

absl::Status PgPersonRepository::Delete(db::Tx& tx, const std::string& id,
                                        int64_t expected_version) {
  if (!IsUuid(id)) return NotFound(id);
  if (tx.Exec(sql::kPeopleDelete, id, expected_version).empty()) return Stale();
  return absl::OkStatus();
}

absl::StatusOr<PersonPage> PgPersonRepository::List(db::Tx& tx,
                                                    const std::string& organization_id,
                                                    const std::optional<PersonPosition>& after,
                                                    int limit) {
  PersonPage page;
  if (!IsUuid(organization_id)) return page;
  const std::string after_at = after ? db::TimestampText(after->created_at_us) : "-infinity";
  const std::string after_id =
      after ? after->id : std::string("00000000-0000-0000-0000-000000000000");
  auto rows = tx.Exec(sql::kPeopleList, organization_id, after_at, after_id, limit + 1);
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      const auto& last = page.items.back();
      page.next = PersonPosition{last.created_at.time_since_epoch().count(), last.id};
      break;
    }
    page.items.push_back(ToPerson(r));
  }
  return page;
}

}  // namespace iris::membership::storage
