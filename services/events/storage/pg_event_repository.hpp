// EventRepository over events.events, events.sessions and (for certificates) the codes of
// events.registrations.
#pragma once

#include "libs/db/row.hpp"
#include "services/events/storage/event_repository.hpp"

namespace iris::events::storage {

class PgEventRepository : public EventRepository {
 public:
  absl::StatusOr<domain::Event> FindById(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::Event> FindForUpdate(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::Event> Insert(db::Tx& tx, const domain::Event& e) override;
  absl::StatusOr<domain::Event> Update(db::Tx& tx, const domain::Event& e,
                                       int64_t version) override;
  absl::StatusOr<domain::Event> SetStatus(db::Tx& tx, const std::string& id,
                                          domain::EventStatus from, domain::EventStatus to,
                                          const std::string& note) override;
  absl::StatusOr<pagination::Rows<domain::Event>> List(db::Tx& tx, const EventQuery& q) override;
  absl::StatusOr<std::vector<domain::Event>> Calendar(db::Tx& tx, const CalendarQuery& q) override;
  absl::StatusOr<std::vector<Certified>> IssueCertificates(db::Tx& tx, const std::string& event_id,
                                                           int threshold,
                                                           const values::LocalDate& first_day,
                                                           const values::LocalDate& last_day,
                                                           int local_days) override;
  absl::StatusOr<bool> HasRegistrations(db::Tx& tx, const std::string& event_id) override;
  absl::StatusOr<std::vector<Certified>> ConfirmWaitlisted(db::Tx& tx, const std::string& event_id,
                                                           std::optional<int> places) override;
  absl::StatusOr<domain::Session> InsertSession(db::Tx& tx, const domain::Session& s) override;
  absl::StatusOr<std::optional<std::pair<values::Time, values::Time>>> SessionSpan(
      db::Tx& tx, const std::string& event_id) override;
  absl::StatusOr<pagination::Rows<domain::Session>> ListSessions(
      db::Tx& tx, const std::string& event_id, const pagination::KeysetRequest& page) override;
};

// An event from a row of any events_*.sql statement returning {{events_columns}}.
absl::StatusOr<domain::Event> EventFromRow(const db::Row& r);

}  // namespace iris::events::storage
