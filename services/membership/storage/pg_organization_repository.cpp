#include "services/membership/storage/pg_organization_repository.hpp"

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "membership_sql.hpp"

namespace iris::membership::storage {
namespace {

// Columns in the order every organizations_*.sql statement selects them.
absl::StatusOr<domain::Organization> ToOrganization(const pqxx::row& r) {
  domain::Organization o;
  o.id = r[0].as<std::string>();
  o.name = r[1].as<std::string>();
  o.acronym = r[2].as<std::string>();
  o.country = r[3].as<std::string>();
  o.city = r[4].as<std::string>();
  auto kind = domain::ParseKind(r[5].as<std::string>());
  auto status = domain::ParseStatus(r[10].as<std::string>());
  // The CHECK constraints make these unreachable unless schema and code disagree.
  if (!kind || !status) return absl::InternalError("organization row with unknown kind/status");
  o.kind = *kind;
  const auto groups = nlohmann::json::parse(r[6].c_str());
  for (const auto& g : groups) o.target_groups.push_back(g.get<std::string>());
  o.email = r[7].as<std::string>();
  o.website = r[8].as<std::string>();
  o.registration_number = r[9].as<std::string>();
  o.status = *status;
  o.status_note = r[11].as<std::string>();
  if (!r[12].is_null()) o.status_changed_at = db::TimeOf(r[12]);
  o.joined_at = r[13].as<std::string>();
  o.version = r[14].as<int64_t>();
  o.created_at = db::TimeOf(r[15]);
  o.updated_at = db::TimeOf(r[16]);
  return o;
}

absl::StatusOr<domain::Organization> One(const pqxx::result& rows, const std::string& id) {
  if (rows.empty()) return absl::NotFoundError("organization " + id + " not found");
  return ToOrganization(rows[0]);
}

absl::Status Stale() {
  return status::Conflict("stale_version",
                          "the organization changed since you read it; fetch it and retry");
}

}  // namespace

bool IsUuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !absl::ascii_isxdigit(static_cast<unsigned char>(s[i]))) {
      return false;
    }
  }
  return true;
}

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

absl::StatusOr<domain::Organization> PgOrganizationRepository::Insert(
    db::Tx& tx, const domain::Organization& o) {
  auto rows = tx.Exec(sql::kOrganizationsInsert, o.name, o.acronym, o.country, o.city,
                      std::string(domain::KindWord(o.kind)), db::TextArray(o.target_groups), o.email,
                      o.website, o.registration_number);
  return ToOrganization(rows.at(0));
}

absl::StatusOr<domain::Organization> PgOrganizationRepository::Update(
    db::Tx& tx, const domain::Organization& o, int64_t expected_version) {
  auto rows = tx.Exec(sql::kOrganizationsUpdate, o.id, expected_version, o.name, o.acronym,
                      o.country, o.city, std::string(domain::KindWord(o.kind)),
                      db::TextArray(o.target_groups), o.email, o.website, o.registration_number);
  if (rows.empty()) return Stale();
  return ToOrganization(rows[0]);
}

absl::StatusOr<domain::Organization> PgOrganizationRepository::SetStatus(
    db::Tx& tx, const std::string& id, int64_t expected_version, domain::OrganizationStatus status,
    const std::string& note) {
  auto rows = tx.Exec(sql::kOrganizationsSetStatus, id, expected_version,
                      std::string(domain::StatusWord(status)), note);
  if (rows.empty()) return Stale();
  return ToOrganization(rows[0]);
}

absl::StatusOr<OrganizationPage> PgOrganizationRepository::List(db::Tx& tx,
                                                                const OrganizationQuery& q) {
  // The first page starts before every row, so the keyset stays an index condition.
  const std::string after_at = q.after ? db::TimestampText(q.after->created_at_us) : "-infinity";
  const std::string after_id =
      q.after ? q.after->id : std::string("00000000-0000-0000-0000-000000000000");
  const int fetch = q.limit + 1;
  pqxx::result rows =
      q.words.empty()
          ? tx.Exec(sql::kOrganizationsList, q.see_all, q.own_country, q.own_organization,
                    q.country, q.status, q.kind, q.target_group, after_at, after_id, fetch)
          : tx.Exec(sql::kOrganizationsSearch, q.see_all, q.own_country, q.own_organization,
                    q.country, q.status, q.kind, q.target_group, after_at, after_id, fetch,
                    db::TextArray(q.words));
  OrganizationPage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == q.limit) {
      const auto& last = page.items.back();
      page.next = OrganizationPosition{last.created_at.time_since_epoch().count(), last.id};
      break;
    }
    IRIS_ASSIGN_OR_RETURN(auto org, ToOrganization(r));
    page.items.push_back(std::move(org));
  }
  return page;
}

}  // namespace iris::membership::storage
