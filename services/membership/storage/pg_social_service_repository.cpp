#include "services/membership/storage/pg_social_service_repository.hpp"

#include <nlohmann/json.hpp>

#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "membership_sql.hpp"
#include "services/membership/storage/pg_organization_repository.hpp"

namespace iris::membership::storage {
namespace {

std::vector<std::string> Strings(const pqxx::field& f) {
  std::vector<std::string> out;
  for (const auto& v : nlohmann::json::parse(f.c_str())) out.push_back(v.get<std::string>());
  return out;
}

domain::LocalizedText Text(const pqxx::field& f) {
  const auto j = nlohmann::json::parse(f.c_str());
  return j.get<domain::LocalizedText>();
}

// Columns in the order every social_services_*.sql statement selects them.
absl::StatusOr<domain::SocialService> ToService(const pqxx::row& r) {
  domain::SocialService s;
  s.id = r[0].as<std::string>();
  s.organization_id = r[1].as<std::string>();
  s.name = Text(r[2]);
  s.category = r[3].as<std::string>();
  s.target_groups = Strings(r[4]);
  s.municipalities = Strings(r[5]);
  if (!r[6].is_null()) s.capacity = r[6].as<int64_t>();
  const auto status = domain::ParseLicensing(r[7].as<std::string>());
  // The CHECK constraint makes this unreachable unless schema and code disagree.
  if (!status) return absl::InternalError("service row with unknown licensing status");
  s.licensing = {*status, r[8].as<std::string>(), r[9].as<std::string>(),
                 r[10].as<std::string>()};
  s.version = r[11].as<int64_t>();
  s.created_at = db::TimeOf(r[12]);
  s.updated_at = db::TimeOf(r[13]);
  return s;
}

std::string NameJson(const domain::LocalizedText& name) {
  return nlohmann::json(name).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<int64_t> Capacity(const domain::SocialService& s) { return s.capacity; }

absl::StatusOr<domain::SocialService> One(const pqxx::result& rows, const std::string& id) {
  if (rows.empty()) return absl::NotFoundError("service " + id + " not found");
  return ToService(rows[0]);
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
  auto rows = tx.Exec(sql::kSocialServicesInsert, s.organization_id, NameJson(s.name), s.category,
                      db::TextArray(s.target_groups), db::TextArray(s.municipalities), Capacity(s),
                      std::string(domain::LicensingWord(s.licensing.status)),
                      s.licensing.licence_number, s.licensing.authority,
                      s.licensing.valid_until);
  return ToService(rows.at(0));
}

absl::StatusOr<domain::SocialService> PgSocialServiceRepository::Update(
    db::Tx& tx, const domain::SocialService& s, int64_t expected_version) {
  auto rows = tx.Exec(sql::kSocialServicesUpdate, s.id, expected_version, NameJson(s.name),
                      s.category, db::TextArray(s.target_groups), db::TextArray(s.municipalities),
                      Capacity(s), std::string(domain::LicensingWord(s.licensing.status)),
                      s.licensing.licence_number, s.licensing.authority,
                      s.licensing.valid_until);
  if (rows.empty()) return Stale();
  return ToService(rows[0]);
}

absl::Status PgSocialServiceRepository::Delete(db::Tx& tx, const std::string& id,
                                               int64_t expected_version) {
  if (tx.Exec(sql::kSocialServicesDelete, id, expected_version).empty()) return Stale();
  return absl::OkStatus();
}

absl::StatusOr<SocialServicePage> PgSocialServiceRepository::List(db::Tx& tx,
                                                                  const SocialServiceQuery& q) {
  // The first page starts before every row, so the keyset stays an index condition.
  const std::string after_at = q.after ? db::TimestampText(q.after->created_at_us) : "-infinity";
  const std::string after_id =
      q.after ? q.after->id : std::string("00000000-0000-0000-0000-000000000000");
  auto rows = tx.Exec(sql::kSocialServicesList, q.see_all, q.own_country, q.own_organization,
                      q.organization_id, q.country, q.target_group, q.category,
                      q.licensing_status, q.licence_expires_before, after_at, after_id,
                      q.limit + 1);
  SocialServicePage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == q.limit) {
      const auto& last = page.items.back();
      page.next = SocialServicePosition{last.created_at.time_since_epoch().count(), last.id};
      break;
    }
    IRIS_ASSIGN_OR_RETURN(auto s, ToService(r));
    page.items.push_back(std::move(s));
  }
  return page;
}

absl::StatusOr<std::vector<ServiceCategory>> PgSocialServiceRepository::ListCategories(
    db::Tx& tx) {
  std::vector<ServiceCategory> out;
  for (const auto& r : tx.Exec(sql::kSocialServicesCategories)) {
    out.push_back({r[0].as<std::string>(), Text(r[1])});
  }
  return out;
}

}  // namespace iris::membership::storage
