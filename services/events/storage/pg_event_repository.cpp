#include "services/events/storage/pg_event_repository.hpp"

#include <nlohmann/json.hpp>

#include "events_sql.hpp"
#include "libs/db/row.hpp"
#include "libs/db/sorted_statements.hpp"
#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"

namespace iris::events::storage {
namespace {

std::string TimeText(values::Time t) { return db::TimestampText(t.time_since_epoch().count()); }

std::optional<std::string> OptionalTimeText(const std::optional<values::Time>& t) {
  if (!t) return std::nullopt;
  return TimeText(*t);
}

std::string SpeakersJson(const std::vector<domain::Speaker>& speakers) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : speakers)
    out.push_back({{"name", s.name}, {"organization", s.organization}});
  return out.dump();
}

std::vector<domain::Speaker> SpeakersOf(const pqxx::field& f) {
  std::vector<domain::Speaker> out;
  for (const auto& s : nlohmann::json::parse(f.c_str())) {
    out.push_back({s.value("name", ""), s.value("organization", "")});
  }
  return out;
}

domain::Session SessionFromRow(const db::Row& r) {
  domain::Session s;
  s.id = r["id"].as<std::string>();
  s.event_id = r["event_id"].as<std::string>();
  s.title = db::LocalizedTextOf(r["title"]);
  s.description = db::LocalizedTextOf(r["description"]);
  s.starts_at = db::TimeOf(r["starts_at_us"]);
  s.ends_at = db::TimeOf(r["ends_at_us"]);
  s.speakers = SpeakersOf(r["speakers"]);
  s.version = r["version"].as<int64_t>();
  s.created_at = db::TimeOf(r["created_at_us"]);
  s.updated_at = db::TimeOf(r["updated_at_us"]);
  return s;
}

absl::Status NotFound() { return absl::NotFoundError("event not found"); }

absl::StatusOr<domain::Event> Read(db::Tx& tx, const db::Statement& s, const std::string& id) {
  if (!values::IsUuid(id)) return NotFound();
  auto rows = tx.Exec(s, id);
  if (rows.empty()) return NotFound();
  return EventFromRow(rows[0]);
}

std::optional<int> Capacity(const domain::Event& e) { return e.capacity; }

}  // namespace

absl::StatusOr<domain::Event> EventFromRow(const db::Row& r) {
  const auto status = domain::ParseEventStatus(r["status"].as<std::string>());
  if (!status) return absl::InternalError("event row with unknown status");
  domain::Event e;
  e.id = r["id"].as<std::string>();
  e.kind = r["kind"].as<std::string>();
  e.title = db::LocalizedTextOf(r["title"]);
  e.description = db::LocalizedTextOf(r["description"]);
  e.edition = r["edition"].as<std::string>();
  e.theme = db::LocalizedTextOf(r["theme"]);
  e.format = r["format"].as<std::string>();
  e.venue = r["venue"].as<std::string>();
  e.city = r["city"].as<std::string>();
  e.location_country = r["location_country"].as<std::string>();
  e.online_url = r["online_url"].as<std::string>();
  e.starts_at = db::TimeOf(r["starts_at_us"]);
  e.ends_at = db::TimeOf(r["ends_at_us"]);
  e.timezone = r["timezone"].as<std::string>();
  e.languages = db::TextArrayOf(r["languages"]);
  e.language_requirement = db::LocalizedTextOf(r["language_requirement"]);
  if (!r["capacity"].is_null()) e.capacity = r["capacity"].as<int>();
  e.audience = r["audience"].as<std::string>();
  e.country = r["country"].as<std::string>();
  e.host_organization_id = r["host_organization_id"].as<std::string>();
  e.partner_organization_ids = db::TextArrayOf(r["partner_organization_ids"]);
  e.registration_mode = r["registration_mode"].as<std::string>();
  e.registration_opens_at = db::OptionalTimeOf(r["registration_opens_at_us"]);
  e.registration_closes_at = db::OptionalTimeOf(r["registration_closes_at_us"]);
  e.certificate_threshold = r["certificate_threshold"].as<int>();
  e.status = *status;
  e.status_note = r["status_note"].as<std::string>();
  e.status_changed_at = db::OptionalTimeOf(r["status_changed_at_us"]);
  e.taken = r["taken"].as<int>();
  e.waitlisted = r["waitlisted"].as<int>();
  e.submitted = r["submitted"].as<int>();
  e.version = r["version"].as<int64_t>();
  e.created_at = db::TimeOf(r["created_at_us"]);
  e.updated_at = db::TimeOf(r["updated_at_us"]);
  return e;
}

absl::StatusOr<domain::Event> PgEventRepository::FindById(db::Tx& tx, const std::string& id) {
  return Read(tx, sql::kEventsFindById, id);
}

absl::StatusOr<domain::Event> PgEventRepository::FindForUpdate(db::Tx& tx, const std::string& id) {
  return Read(tx, sql::kEventsFindByIdForUpdate, id);
}

absl::StatusOr<domain::Event> PgEventRepository::Insert(db::Tx& tx, const domain::Event& e) {
  auto rows =
      tx.Exec(sql::kEventsInsert, e.kind, db::LocalizedTextJson(e.title),
              db::LocalizedTextJson(e.description), e.edition, db::LocalizedTextJson(e.theme),
              e.format, e.venue, e.city, e.location_country, e.online_url, TimeText(e.starts_at),
              TimeText(e.ends_at), e.timezone, db::TextArray(e.languages),
              db::LocalizedTextJson(e.language_requirement), Capacity(e), e.audience, e.country,
              e.host_organization_id, db::TextArray(e.partner_organization_ids),
              e.registration_mode, OptionalTimeText(e.registration_opens_at),
              OptionalTimeText(e.registration_closes_at), e.certificate_threshold);
  return FindById(tx, rows.at(0)["id"].as<std::string>());
}

absl::StatusOr<domain::Event> PgEventRepository::Update(db::Tx& tx, const domain::Event& e,
                                                        int64_t version) {
  auto rows =
      tx.Exec(sql::kEventsUpdate, e.id, version, e.kind, db::LocalizedTextJson(e.title),
              db::LocalizedTextJson(e.description), e.edition, db::LocalizedTextJson(e.theme),
              e.format, e.venue, e.city, e.location_country, e.online_url, TimeText(e.starts_at),
              TimeText(e.ends_at), e.timezone, db::TextArray(e.languages),
              db::LocalizedTextJson(e.language_requirement), Capacity(e), e.audience, e.country,
              e.host_organization_id, db::TextArray(e.partner_organization_ids),
              e.registration_mode, OptionalTimeText(e.registration_opens_at),
              OptionalTimeText(e.registration_closes_at), e.certificate_threshold);
  if (rows.empty()) {
    return status::Conflict("stale_version",
                            "the event changed since you read it; fetch it and retry");
  }
  return FindById(tx, e.id);
}

absl::StatusOr<domain::Event> PgEventRepository::SetStatus(db::Tx& tx, const std::string& id,
                                                           domain::EventStatus from,
                                                           domain::EventStatus to,
                                                           const std::string& note) {
  auto rows = tx.Exec(sql::kEventsSetStatus, id, std::string(domain::EventStatusWord(from)),
                      std::string(domain::EventStatusWord(to)), note);
  if (rows.empty()) {
    return status::Conflict("invalid_transition",
                            "the event is no longer " + std::string(domain::EventStatusWord(from)));
  }
  return EventFromRow(rows[0]);
}

absl::StatusOr<pagination::Rows<domain::Event>> PgEventRepository::List(db::Tx& tx,
                                                                        const EventQuery& q) {
  const auto [key, id] = db::KeysetBindOf(q.page);
  const auto kind = db::AnyOf(q.kind), country = db::AnyOf(q.country), format = db::AnyOf(q.format),
             status = db::AnyOf(q.status);
  const auto from = OptionalTimeText(q.from), to = OptionalTimeText(q.to);
  return db::ListRows<domain::Event>(
      sql::kEventsList, q.page,
      [&](const db::Statement& s, int rows) {
        return tx.Exec(s, q.all_drafts, q.drafts_of_country, kind, country, format, status, from,
                       to, key, id, rows);
      },
      [](const db::Row& r) { return EventFromRow(r); });
}

absl::StatusOr<std::vector<domain::Event>> PgEventRepository::Calendar(db::Tx& tx,
                                                                       const CalendarQuery& q) {
  std::vector<domain::Event> out;
  db::ColumnMemo memo;
  for (const auto& raw :
       tx.Exec(sql::kEventsCalendar, db::AnyOf(q.kind), db::AnyOf(q.country), q.limit)) {
    IRIS_ASSIGN_OR_RETURN(auto e, EventFromRow(db::Row(raw, &memo)));
    out.push_back(std::move(e));
  }
  return out;
}

absl::StatusOr<std::vector<Certified>> PgEventRepository::IssueCertificates(
    db::Tx& tx, const std::string& event_id, int threshold, const values::LocalDate& first_day,
    const values::LocalDate& last_day, int local_days) {
  std::vector<Certified> out;
  for (const auto& r : tx.Exec(sql::kEventsIssueCertificates, event_id, threshold, local_days,
                               values::DateText(first_day), values::DateText(last_day))) {
    out.push_back({r["id"].as<std::string>(), r["organization_id"].as<std::string>()});
  }
  return out;
}

absl::StatusOr<bool> PgEventRepository::HasRegistrations(db::Tx& tx, const std::string& event_id) {
  return tx.Exec(sql::kEventsHasRegistrations, event_id).at(0)["found"].as<bool>();
}

absl::StatusOr<std::vector<Certified>> PgEventRepository::ConfirmWaitlisted(
    db::Tx& tx, const std::string& event_id, std::optional<int> places) {
  std::vector<Certified> out;
  if (places && *places <= 0) return out;
  for (const auto& r : tx.Exec(sql::kEventsPromoteWaitlisted, event_id, places)) {
    out.push_back({r["id"].as<std::string>(), r["organization_id"].as<std::string>()});
  }
  if (!out.empty()) {
    tx.Exec(sql::kEventsPromotedPlaces, event_id, static_cast<int>(out.size()));
  }
  return out;
}

absl::StatusOr<domain::Session> PgEventRepository::InsertSession(db::Tx& tx,
                                                                 const domain::Session& s) {
  auto rows = tx.Exec(sql::kSessionsInsert, s.event_id, db::LocalizedTextJson(s.title),
                      db::LocalizedTextJson(s.description), TimeText(s.starts_at),
                      TimeText(s.ends_at), SpeakersJson(s.speakers));
  return SessionFromRow(rows.at(0));
}

absl::StatusOr<std::optional<std::pair<values::Time, values::Time>>> PgEventRepository::SessionSpan(
    db::Tx& tx, const std::string& event_id) {
  auto rows = tx.Exec(sql::kSessionsSpan, event_id);
  const auto first = db::OptionalTimeOf(rows.at(0)["first_start_us"]);
  const auto last = db::OptionalTimeOf(rows.at(0)["last_end_us"]);
  if (!first || !last) return std::nullopt;
  return std::make_pair(*first, *last);
}

absl::StatusOr<pagination::Rows<domain::Session>> PgEventRepository::ListSessions(
    db::Tx& tx, const std::string& event_id, const pagination::KeysetRequest& page) {
  const auto [key, id] = db::KeysetBindOf(page);
  return db::ListRows<domain::Session>(
      sql::kSessionsList, page,
      [&](const db::Statement& s, int rows) { return tx.Exec(s, event_id, key, id, rows); },
      [](const db::Row& r) { return SessionFromRow(r); });
}

}  // namespace iris::events::storage
