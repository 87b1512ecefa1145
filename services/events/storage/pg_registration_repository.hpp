// RegistrationRepository over events.registrations (and this area's view of events.events: its
// facts, its row lock and its place counters).
#pragma once

#include "services/events/storage/registration_repository.hpp"

namespace iris::events::storage {

class PgRegistrationRepository : public RegistrationRepository {
 public:
  absl::StatusOr<domain::EventFacts> FindEvent(db::Tx& tx, const std::string& event_id) override;
  absl::StatusOr<domain::EventFacts> LockEvent(db::Tx& tx, const std::string& event_id) override;
  absl::Status MovePlaces(db::Tx& tx, const std::string& event_id,
                          const domain::CounterDelta& delta) override;
  absl::StatusOr<domain::Registration> FindById(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::Registration> FindForUpdate(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<std::optional<domain::Registration>> FirstWaitlisted(
      db::Tx& tx, const std::string& event_id) override;
  absl::StatusOr<domain::Registration> Insert(db::Tx& tx, const domain::Registration& r,
                                              const std::string& registered_by) override;
  absl::StatusOr<domain::Registration> SetStatus(db::Tx& tx, const std::string& id,
                                                 domain::RegistrationStatus status,
                                                 const std::string& note) override;
  absl::StatusOr<domain::Registration> AddAttendance(db::Tx& tx, const std::string& id,
                                                     const std::string& date) override;
  absl::StatusOr<pagination::Rows<domain::Registration>> List(db::Tx& tx,
                                                              const RegistrationQuery& q) override;
  absl::StatusOr<Certificate> FindCertificate(db::Tx& tx, const std::string& code) override;
};

}  // namespace iris::events::storage
