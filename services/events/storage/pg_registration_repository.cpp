#include "services/events/storage/pg_registration_repository.hpp"

#include "events_sql.hpp"
#include "libs/db/row.hpp"
#include "libs/db/sorted_statements.hpp"
#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "libs/values/local_dates.hpp"
#include "libs/values/uuid.hpp"

namespace iris::events::storage {
namespace {

using values::IsUuid;

absl::StatusOr<domain::Registration> RegistrationFromRow(const db::Row& r) {
  const auto status = domain::ParseRegistrationStatus(r["status"].as<std::string>());
  if (!status) return absl::InternalError("registration row with unknown status");
  domain::Registration g;
  g.id = r["id"].as<std::string>();
  g.event_id = r["event_id"].as<std::string>();
  g.person_name = r["person_name"].as<std::string>();
  g.person_email = r["person_email"].as<std::string>();
  g.organization_id = r["organization_id"].as<std::string>();
  g.motivation = r["motivation"].as<std::string>();
  g.status = *status;
  g.status_note = r["status_note"].as<std::string>();
  g.status_changed_at = db::OptionalTimeOf(r["status_changed_at_us"]);
  g.attended_days = db::TextArrayOf(r["attended_days"]);
  g.certificate_code = r["certificate_code"].as<std::string>();
  g.version = r["version"].as<int64_t>();
  g.created_at = db::TimeOf(r["created_at_us"]);
  g.updated_at = db::TimeOf(r["updated_at_us"]);
  return g;
}

domain::EventFacts EventFromRow(const db::Row& r) {
  domain::EventFacts e;
  e.id = r["id"].as<std::string>();
  e.status = r["status"].as<std::string>();
  e.country = r["country"].as<std::string>();
  e.audience = r["audience"].as<std::string>();
  e.registration_mode = r["registration_mode"].as<std::string>();
  if (!r["capacity"].is_null()) e.capacity = r["capacity"].as<int>();
  e.taken = r["taken"].as<int>();
  e.waitlisted = r["waitlisted"].as<int>();
  e.submitted = r["submitted"].as<int>();
  e.timezone = r["timezone"].as<std::string>();
  e.starts_at = db::TimeOf(r["starts_at_us"]);
  e.ends_at = db::TimeOf(r["ends_at_us"]);
  e.opens_at = db::OptionalTimeOf(r["opens_at_us"]);
  e.closes_at = db::OptionalTimeOf(r["closes_at_us"]);
  return e;
}

absl::Status NotFound(const std::string& id) {
  return absl::NotFoundError("registration " + id + " not found");
}
absl::Status EventNotFound(const std::string& id) {
  return absl::NotFoundError("event " + id + " not found");
}

absl::StatusOr<domain::Registration> One(const pqxx::result& rows, const std::string& id) {
  if (rows.empty()) return NotFound(id);
  return RegistrationFromRow(rows[0]);
}

absl::StatusOr<domain::EventFacts> OneEvent(const pqxx::result& rows, const std::string& id) {
  if (rows.empty()) return EventNotFound(id);
  return EventFromRow(rows[0]);
}

}  // namespace

absl::StatusOr<domain::EventFacts> PgRegistrationRepository::FindEvent(
    db::Tx& tx, const std::string& event_id) {
  if (!IsUuid(event_id)) return EventNotFound(event_id);
  return OneEvent(tx.Exec(sql::kRegistrationsFindEvent, event_id), event_id);
}

absl::StatusOr<domain::EventFacts> PgRegistrationRepository::LockEvent(
    db::Tx& tx, const std::string& event_id) {
  if (!IsUuid(event_id)) return EventNotFound(event_id);
  return OneEvent(tx.Exec(sql::kRegistrationsLockEvent, event_id), event_id);
}

absl::Status PgRegistrationRepository::MovePlaces(db::Tx& tx, const std::string& event_id,
                                                  const domain::CounterDelta& delta) {
  if (delta.empty()) return absl::OkStatus();
  tx.Exec(sql::kRegistrationsMovePlaces, event_id, delta.taken, delta.waitlisted, delta.submitted);
  return absl::OkStatus();
}

absl::StatusOr<domain::Registration> PgRegistrationRepository::FindById(db::Tx& tx,
                                                                        const std::string& id) {
  if (!IsUuid(id)) return NotFound(id);
  return One(tx.Exec(sql::kRegistrationsFindById, id), id);
}

absl::StatusOr<domain::Registration> PgRegistrationRepository::FindForUpdate(
    db::Tx& tx, const std::string& id) {
  if (!IsUuid(id)) return NotFound(id);
  return One(tx.Exec(sql::kRegistrationsFindForUpdate, id), id);
}

absl::StatusOr<std::optional<domain::Registration>> PgRegistrationRepository::FirstWaitlisted(
    db::Tx& tx, const std::string& event_id) {
  auto rows = tx.Exec(sql::kRegistrationsFirstWaitlisted, event_id);
  if (rows.empty()) return std::optional<domain::Registration>();
  IRIS_ASSIGN_OR_RETURN(auto r, RegistrationFromRow(rows[0]));
  return std::optional<domain::Registration>(std::move(r));
}

absl::StatusOr<domain::Registration> PgRegistrationRepository::Insert(
    db::Tx& tx, const domain::Registration& r, const std::string& registered_by) {
  auto rows = tx.Exec(sql::kRegistrationsInsert, r.event_id, r.person_name, r.person_email,
                      r.organization_id, r.motivation, registered_by,
                      std::string(domain::RegistrationStatusWord(r.status)));
  return RegistrationFromRow(rows.at(0));
}

absl::StatusOr<domain::Registration> PgRegistrationRepository::SetStatus(
    db::Tx& tx, const std::string& id, domain::RegistrationStatus status, const std::string& note) {
  return One(tx.Exec(sql::kRegistrationsSetStatus, id,
                     std::string(domain::RegistrationStatusWord(status)), note),
             id);
}

absl::StatusOr<domain::Registration> PgRegistrationRepository::AddAttendance(
    db::Tx& tx, const std::string& id, const std::string& date) {
  return One(tx.Exec(sql::kRegistrationsAddAttendance, id, date), id);
}

absl::StatusOr<pagination::Rows<domain::Registration>> PgRegistrationRepository::List(
    db::Tx& tx, const RegistrationQuery& q) {
  if (!IsUuid(q.event_id)) return pagination::Rows<domain::Registration>{};
  const auto [key, id] = db::KeysetBindOf(q.page);
  const auto status = db::AnyOf(q.status), organization = db::AnyOf(q.organization);
  return db::ListRows<domain::Registration>(
      sql::kRegistrationsList, q.page,
      [&](const db::Statement& s, int rows) {
        return tx.Exec(s, q.event_id, q.see_all, q.organization_id, status, organization, key, id,
                       rows);
      },
      [](const db::Row& r) { return RegistrationFromRow(r); });
}

absl::StatusOr<Certificate> PgRegistrationRepository::FindCertificate(db::Tx& tx,
                                                                      const std::string& code) {
  auto rows = tx.Exec(sql::kRegistrationsCertificate, code);
  if (rows.empty()) return absl::NotFoundError("certificate not found");
  const db::Row r(rows[0]);
  const std::string zone = r["timezone"].as<std::string>();
  return Certificate{
      .code = r["code"].as<std::string>(),
      .participant_name = r["participant_name"].as<std::string>(),
      .event_title = db::LocalizedTextOf(r["event_title"]),
      .starts_on = values::DateText(values::DayOf(db::TimeOf(r["starts_at_us"]), zone)),
      .ends_on = values::DateText(values::LastLocalDay(db::TimeOf(r["ends_at_us"]), zone))};
}

}  // namespace iris::events::storage
