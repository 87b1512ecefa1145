// What the programme use cases need from storage: programmes, their placements and the
// mentoring sessions logged on them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/events/domain/placement.hpp"
#include "services/events/domain/programme.hpp"

namespace iris::events::storage {

struct ProgrammeQuery {
  std::vector<std::string> kind;   // any of the words; empty: all
  pagination::KeysetRequest page;  // List fetches RowsToFetch(limit)
};

// The orders of a list of programmes: by starts_on, as the contract says (index
// programmes_starts_on of V003).
inline const std::array<pagination::SortField<domain::Programme>, 1> kProgrammeSorts{{
    {"starts_on", pagination::KeyKind::kDate, "programmes.starts_on",
     [](const domain::Programme& p) { return pagination::DateKey(p.starts_on); }},
}};

struct PlacementQuery {
  std::string programme_id;
  // Who may see which (the use case decides): nullopt is no filter.
  std::optional<std::string> organization_id, country;
  pagination::KeysetRequest page;
};

// Placements of a programme by creation (indexes placements_programme and
// placements_programme_org of V003).
inline const std::array<pagination::SortField<domain::Placement>, 1> kPlacementSorts{{
    {"created_at", pagination::KeyKind::kInstant, "placements.created_at",
     [](const domain::Placement& p) { return pagination::InstantKey(p.created_at); }},
}};

struct SessionQuery {
  std::string placement_id;
  pagination::KeysetRequest page;
};

// A placement's sessions by date, then logging (created_at), then id: one text key
// "YYYY-MM-DD|<created_at in microseconds, 20 digits>" in byte order (COLLATE "C"), so the
// kit's (key, id) keyset pages in exactly that order. A placement holds at most
// domain::kMaxSessions, so the expression needs no index of its own.
std::string SessionKey(const domain::MentoringSession& s);
inline const std::array<pagination::SortField<domain::MentoringSession>, 1> kMentoringSessionSorts{{
    {"date", pagination::KeyKind::kText,
     "(to_char(mentoring_sessions.date, 'YYYY-MM-DD') || '|' || "
     "lpad(((extract(epoch FROM mentoring_sessions.created_at) * 1000000)::bigint)::text, 20, "
     "'0')) COLLATE \"C\"",
     SessionKey},
}};

class ProgrammeRepository {
 public:
  virtual ~ProgrammeRepository() = default;

  // NOT_FOUND when no programme has this id (a malformed id included).
  virtual absl::StatusOr<domain::Programme> FindProgramme(db::Tx& tx, const std::string& id) = 0;
  virtual absl::StatusOr<domain::Programme> InsertProgramme(db::Tx& tx,
                                                            const domain::Programme& p) = 0;
  virtual absl::StatusOr<pagination::Rows<domain::Programme>> ListProgrammes(
      db::Tx& tx, const ProgrammeQuery& q) = 0;

  // A placement (its counters, not its sessions); NOT_FOUND when no placement has this id.
  virtual absl::StatusOr<domain::Placement> FindPlacement(db::Tx& tx, const std::string& id) = 0;
  // As FindPlacement, locking the placement's row until the transaction ends: changes and
  // logged sessions take turns, so counters and versions stay exact.
  virtual absl::StatusOr<domain::Placement> FindPlacementForUpdate(db::Tx& tx,
                                                                   const std::string& id) = 0;
  // A new placement; the programme's placement count grows by one in the same statement.
  virtual absl::StatusOr<domain::Placement> InsertPlacement(db::Tx& tx,
                                                            const domain::Placement& p) = 0;
  // Writes the writable fields if the version is still `version`; FAILED_PRECONDITION
  // "stale_version" otherwise.
  virtual absl::StatusOr<domain::Placement> UpdatePlacement(db::Tx& tx, const domain::Placement& p,
                                                            int64_t version) = 0;
  // Placements, up to RowsToFetch(limit) in the page's order.
  virtual absl::StatusOr<pagination::Rows<domain::Placement>> ListPlacements(
      db::Tx& tx, const PlacementQuery& q) = 0;
  // Logs a session on the placement and adds it to its counters (the placement's CHECK caps
  // them at domain::kMaxSessions: the caller checks under the row lock first); the session.
  virtual absl::StatusOr<domain::MentoringSession> AddSession(
      db::Tx& tx, const std::string& placement_id, const domain::MentoringSession& s) = 0;
  // A placement's sessions, up to RowsToFetch(limit) in the page's order.
  virtual absl::StatusOr<pagination::Rows<domain::MentoringSession>> ListSessions(
      db::Tx& tx, const SessionQuery& q) = 0;
};

}  // namespace iris::events::storage
