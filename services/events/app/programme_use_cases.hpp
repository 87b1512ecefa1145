// Use cases over programmes and their placements: staff create programmes, staff and members
// read them; placements are created and changed by network admins and the coordinator of the
// organisation's country (membership is asked whether the organisation is an active member),
// read by them and by the organisation's members, and mentoring ones log sessions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "libs/members/directory.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/events/domain/placement.hpp"
#include "services/events/domain/programme.hpp"
#include "services/events/storage/programme_repository.hpp"

namespace iris::events::app {

struct ProgrammeListRequest {
  std::vector<std::string> kind;  // any of the words
  pagination::PageParams page;
};

struct PlacementListRequest {
  std::string programme_id;
  pagination::PageParams page;
};

struct SessionListRequest {
  std::string placement_id;
  pagination::PageParams page;
};

class ProgrammeUseCases {
 public:
  ProgrammeUseCases(db::Pool& pool, storage::ProgrammeRepository& programmes,
                    members::MembershipDirectory& membership)
      : pool_(pool), programmes_(programmes), membership_(membership) {}

  // Staff (network admins and coordinators).
  absl::StatusOr<domain::Programme> CreateProgramme(const identity::Caller& caller,
                                                    const domain::ProgrammePatch& fields);
  // Staff and members (partners, reviewers: PERMISSION_DENIED; anonymous: UNAUTHENTICATED).
  absl::StatusOr<domain::Programme> GetProgramme(const identity::Caller& caller,
                                                 const std::string& id);
  absl::StatusOr<pagination::Page<domain::Programme>> ListProgrammes(
      const identity::Caller& caller, const ProgrammeListRequest& req);

  // Network admins, and coordinators for organisations of their country (others 403). The
  // organisation must be an active member (422 on organization_id); membership down: 503,
  // nothing written.
  absl::StatusOr<domain::Placement> CreatePlacement(const identity::Caller& caller,
                                                    const std::string& programme_id,
                                                    const domain::PlacementPatch& fields);
  // Staff of the placement's country and its organisation's members; NOT_FOUND to the rest.
  absl::StatusOr<domain::Placement> GetPlacement(const identity::Caller& caller,
                                                 const std::string& id);
  // Staff of the placement's country (its members: 403). expected_version 0: no precondition.
  absl::StatusOr<domain::Placement> UpdatePlacement(const identity::Caller& caller,
                                                    const std::string& id,
                                                    const domain::PlacementPatch& fields,
                                                    int64_t expected_version);
  // The placements of the programme the caller may see (who may not read the programme:
  // PERMISSION_DENIED).
  absl::StatusOr<pagination::Page<domain::Placement>> ListPlacements(
      const identity::Caller& caller, const PlacementListRequest& req);
  // Whoever sees the placement; mentoring placements only (409 not_mentoring otherwise), the
  // date inside the programme's period, at most domain::kMaxSessions (409 conflict after).
  absl::StatusOr<domain::MentoringSession> LogSession(const identity::Caller& caller,
                                                      const std::string& placement_id,
                                                      const domain::MentoringSessionPatch& fields);
  // Whoever sees the placement (NOT_FOUND to the rest): its sessions by date, then logging.
  absl::StatusOr<pagination::Page<domain::MentoringSession>> ListSessions(
      const identity::Caller& caller, const SessionListRequest& req);

 private:
  db::Pool& pool_;
  storage::ProgrammeRepository& programmes_;
  members::MembershipDirectory& membership_;
};

}  // namespace iris::events::app
