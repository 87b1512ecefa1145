// ProgrammeRepository over events.programmes, events.placements and events.mentoring_sessions.
#pragma once

#include "services/events/storage/programme_repository.hpp"

namespace iris::events::storage {

class PgProgrammeRepository : public ProgrammeRepository {
 public:
  absl::StatusOr<domain::Programme> FindProgramme(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::Programme> InsertProgramme(db::Tx& tx,
                                                    const domain::Programme& p) override;
  absl::StatusOr<pagination::Rows<domain::Programme>> ListProgrammes(
      db::Tx& tx, const ProgrammeQuery& q) override;
  absl::StatusOr<domain::Placement> FindPlacement(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::Placement> FindPlacementForUpdate(db::Tx& tx,
                                                           const std::string& id) override;
  absl::StatusOr<domain::Placement> InsertPlacement(db::Tx& tx,
                                                    const domain::Placement& p) override;
  absl::StatusOr<domain::Placement> UpdatePlacement(db::Tx& tx, const domain::Placement& p,
                                                    int64_t version) override;
  absl::StatusOr<pagination::Rows<domain::Placement>> ListPlacements(
      db::Tx& tx, const PlacementQuery& q) override;
  absl::StatusOr<domain::MentoringSession> AddSession(db::Tx& tx, const std::string& placement_id,
                                                      const domain::MentoringSession& s) override;
  absl::StatusOr<pagination::Rows<domain::MentoringSession>> ListSessions(
      db::Tx& tx, const SessionQuery& q) override;
};

}  // namespace iris::events::storage
