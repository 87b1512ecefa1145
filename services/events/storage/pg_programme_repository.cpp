#include "services/events/storage/pg_programme_repository.hpp"

#include <optional>
#include <utility>

#include "events_sql.hpp"
#include "libs/db/row.hpp"
#include "libs/db/sorted_statements.hpp"
#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"

namespace iris::events::storage {
namespace {

using values::IsUuid;

// NULL for a date that is not set: the columns are nullable dates.
std::optional<std::string> DateOrNull(const std::string& d) {
  if (d.empty()) return std::nullopt;
  return d;
}

// A row of any programmes_*.sql statement returning {{programmes_columns}}, by column name.
absl::StatusOr<domain::Programme> ProgrammeFromRow(const db::Row& r) {
  const auto kind = domain::ParseProgrammeKind(r["kind"].as<std::string>());
  if (!kind) return absl::InternalError("programme row with unknown kind");
  domain::Programme p;
  p.id = r["id"].as<std::string>();
  p.kind = *kind;
  p.name = db::LocalizedTextOf(r["name"]);
  p.description = db::LocalizedTextOf(r["description"]);
  p.starts_on = r["starts_on"].as<std::string>();
  p.ends_on = r["ends_on"].as<std::string>();
  p.placements = r["placements"].as<int>();
  p.version = r["version"].as<int64_t>();
  p.created_at = db::TimeOf(r["created_at_us"]);
  p.updated_at = db::TimeOf(r["updated_at_us"]);
  return p;
}

// A row of any placements_*.sql statement returning {{placements_columns}}.
absl::StatusOr<domain::Placement> PlacementFromRow(const db::Row& r) {
  const auto kind = domain::ParseProgrammeKind(r["kind"].as<std::string>());
  if (!kind) return absl::InternalError("placement row with unknown kind");
  domain::Placement p;
  p.id = r["id"].as<std::string>();
  p.programme_id = r["programme_id"].as<std::string>();
  p.kind = *kind;
  p.organization_id = r["organization_id"].as<std::string>();
  p.country = r["country"].as<std::string>();
  p.trainee = {r["trainee_name"].as<std::string>(), r["trainee_email"].as<std::string>()};
  p.host_organization = r["host_organization"].as<std::string>();
  p.starts_on = r["starts_on"].as<std::string>();
  p.ends_on = r["ends_on"].as<std::string>();
  p.mentor = {r["mentor_name"].as<std::string>(), r["mentor_email"].as<std::string>()};
  p.topic = r["topic"].as<std::string>();
  p.outcome = r["outcome"].as<std::string>();
  p.session_count = r["session_count"].as<int>();
  p.total_minutes = r["total_minutes"].as<int>();
  p.version = r["version"].as<int64_t>();
  p.created_at = db::TimeOf(r["created_at_us"]);
  p.updated_at = db::TimeOf(r["updated_at_us"]);
  return p;
}

// A row of any mentoring_sessions_*.sql statement returning {{mentoring_sessions_columns}}.
domain::MentoringSession SessionFromRow(const db::Row& r) {
  return {.id = r["id"].as<std::string>(),
          .placement_id = r["placement_id"].as<std::string>(),
          .date = r["date"].as<std::string>(),
          .minutes = r["minutes"].as<int>(),
          .note = r["note"].as<std::string>(),
          .created_at = db::TimeOf(r["created_at_us"])};
}

absl::StatusOr<domain::Placement> OnePlacement(const pqxx::result& rows) {
  if (rows.empty()) return absl::NotFoundError("placement not found");
  return PlacementFromRow(db::Row(rows[0]));
}

absl::StatusOr<domain::Placement> ReadPlacement(db::Tx& tx, const db::Statement& s,
                                                const std::string& id) {
  if (!IsUuid(id)) return absl::NotFoundError("placement not found");
  return OnePlacement(tx.Exec(s, id));
}

}  // namespace

absl::StatusOr<domain::Programme> PgProgrammeRepository::FindProgramme(db::Tx& tx,
                                                                       const std::string& id) {
  if (!IsUuid(id)) return absl::NotFoundError("programme not found");
  auto rows = tx.Exec(sql::kProgrammesFindById, id);
  if (rows.empty()) return absl::NotFoundError("programme not found");
  return ProgrammeFromRow(db::Row(rows[0]));
}

absl::StatusOr<domain::Programme> PgProgrammeRepository::InsertProgramme(
    db::Tx& tx, const domain::Programme& p) {
  auto rows = tx.Exec(sql::kProgrammesInsert, std::string(domain::ProgrammeKindWord(p.kind)),
                      db::LocalizedTextJson(p.name), db::LocalizedTextJson(p.description),
                      p.starts_on, p.ends_on);
  return ProgrammeFromRow(db::Row(rows.at(0)));
}

absl::StatusOr<pagination::Rows<domain::Programme>> PgProgrammeRepository::ListProgrammes(
    db::Tx& tx, const ProgrammeQuery& q) {
  const auto [key, id] = db::KeysetBindOf(q.page);
  const auto kind = db::AnyOf(q.kind);
  return db::ListRows<domain::Programme>(
      sql::kProgrammesList, q.page,
      [&](const db::Statement& s, int rows) { return tx.Exec(s, kind, key, id, rows); },
      [](const db::Row& r) { return ProgrammeFromRow(r); });
}

absl::StatusOr<domain::Placement> PgProgrammeRepository::FindPlacement(db::Tx& tx,
                                                                       const std::string& id) {
  return ReadPlacement(tx, sql::kPlacementsFindById, id);
}

absl::StatusOr<domain::Placement> PgProgrammeRepository::FindPlacementForUpdate(
    db::Tx& tx, const std::string& id) {
  return ReadPlacement(tx, sql::kPlacementsFindByIdForUpdate, id);
}

absl::StatusOr<domain::Placement> PgProgrammeRepository::InsertPlacement(
    db::Tx& tx, const domain::Placement& p) {
  auto rows = tx.Exec(sql::kPlacementsInsert, p.programme_id,
                      std::string(domain::ProgrammeKindWord(p.kind)), p.organization_id, p.country,
                      p.trainee.name, p.trainee.email, p.host_organization, DateOrNull(p.starts_on),
                      DateOrNull(p.ends_on), p.mentor.name, p.mentor.email, p.topic, p.outcome);
  if (rows.empty()) return absl::NotFoundError("programme not found");
  return PlacementFromRow(db::Row(rows[0]));
}

absl::StatusOr<domain::Placement> PgProgrammeRepository::UpdatePlacement(db::Tx& tx,
                                                                         const domain::Placement& p,
                                                                         int64_t version) {
  auto rows = tx.Exec(sql::kPlacementsUpdate, p.id, version, p.trainee.name, p.trainee.email,
                      p.host_organization, DateOrNull(p.starts_on), DateOrNull(p.ends_on),
                      p.mentor.name, p.mentor.email, p.topic, p.outcome);
  if (rows.empty()) {
    return status::Conflict("stale_version",
                            "the placement changed since you read it; fetch it and retry");
  }
  return OnePlacement(rows);
}

absl::StatusOr<pagination::Rows<domain::Placement>> PgProgrammeRepository::ListPlacements(
    db::Tx& tx, const PlacementQuery& q) {
  const auto [key, id] = db::KeysetBindOf(q.page);
  return db::ListRows<domain::Placement>(
      sql::kPlacementsList, q.page,
      [&](const db::Statement& s, int limit) {
        return tx.Exec(s, q.programme_id, q.organization_id, q.country, key, id, limit);
      },
      [](const db::Row& r) { return PlacementFromRow(r); });
}

absl::StatusOr<domain::MentoringSession> PgProgrammeRepository::AddSession(
    db::Tx& tx, const std::string& placement_id, const domain::MentoringSession& s) {
  auto rows = tx.Exec(sql::kMentoringSessionsInsert, placement_id, s.date, s.minutes, s.note);
  if (rows.empty()) return absl::NotFoundError("placement not found");
  return SessionFromRow(db::Row(rows[0]));
}

absl::StatusOr<pagination::Rows<domain::MentoringSession>> PgProgrammeRepository::ListSessions(
    db::Tx& tx, const SessionQuery& q) {
  if (!IsUuid(q.placement_id)) return pagination::Rows<domain::MentoringSession>{};
  const auto [key, id] = db::KeysetBindOf(q.page);
  return db::ListRows<domain::MentoringSession>(
      sql::kMentoringSessionsList, q.page,
      [&](const db::Statement& s, int limit) { return tx.Exec(s, q.placement_id, key, id, limit); },
      [](const db::Row& r) -> absl::StatusOr<domain::MentoringSession> {
        return SessionFromRow(r);
      });
}

std::string SessionKey(const domain::MentoringSession& s) {
  std::string micros = pagination::InstantKey(s.created_at);
  if (micros.size() < 20) micros.insert(0, 20 - micros.size(), '0');
  return s.date + "|" + micros;
}

}  // namespace iris::events::storage
