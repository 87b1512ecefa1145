// Events' changes that reach registrations, against the real schema: a draft cannot be
// cancelled; more places on a published open event confirm the waiting list in order (counters,
// messages and audit in the same transaction), an application event's waiting list stays; the
// registration mode is fixed once anyone registered; completion counts only the attended days
// of the event as it is now (an event ending at local midnight has no extra day); instants
// outside 1900..9999 are refused; the calendar carries at most 500 events.
#include "services/events/tests/event_db_fixture.hpp"

namespace iris::events {
namespace {

class EventChangesDbTest : public EventDbTest {
 protected:
  // A registration row as registrations would have written it (the counters are the test's).
  std::string Registration(const std::string& event_id, const std::string& status,
                           const std::string& waitlisted_at = "NULL",
                           const std::string& attended_days = "ARRAY[]::date[]") {
    return Text(
        "INSERT INTO events.registrations (event_id, person_name, person_email, "
        "organization_id, status, waitlisted_at, attended_days) VALUES ('" +
        event_id + "', 'Jelena', '" + NewId() + "@example.org', gen_random_uuid(), '" + status +
        "', " + waitlisted_at + ", " + attended_days + ") RETURNING id::text");
  }
  std::string StatusOf(const std::string& registration_id) {
    return Text("SELECT status FROM events.registrations WHERE id = '" + registration_id + "'");
  }
  domain::Event Reload(const std::string& id) {
    auto e = events_.Get(Admin(), id);
    EXPECT_TRUE(e.ok()) << e.status();
    return e.ok() ? *e : domain::Event{};
  }
  domain::EventPatch CapacityPatch(std::optional<int> capacity) {
    domain::EventPatch p;
    p.capacity.emplace(capacity);
    return p;
  }
};

TEST_F(EventChangesDbTest, ADraftCannotBeCancelled) {
  const auto e = Create("Never announced");
  auto cancelled = events_.Act(Admin(), e.id, EventVerb::kCancel, "", 0);
  EXPECT_EQ(Reason(cancelled.status()), "invalid_transition") << cancelled.status();
  EXPECT_EQ(Reload(e.id).status, EventStatus::kDraft);
}

TEST_F(EventChangesDbTest, MorePlacesConfirmTheWaitingListInOrder) {
  auto fields = Fields("Waiting list");
  fields.capacity = std::optional<int>(1);
  auto created = events_.Create(Admin(), fields);
  ASSERT_TRUE(created.ok()) << created.status();
  const auto e = Publish(created->id);
  Registration(e.id, "confirmed");
  // Queued in this order (the ids are random: the times decide).
  const std::string third = Registration(e.id, "waitlisted", "now() - interval '1 minute'");
  const std::string first = Registration(e.id, "waitlisted", "now() - interval '3 minutes'");
  const std::string second = Registration(e.id, "waitlisted", "now() - interval '2 minutes'");
  Text("UPDATE events.events SET taken = 1, waitlisted = 3 WHERE id = '" + e.id + "' RETURNING 1");

  auto raised = events_.Update(Admin(), e.id, CapacityPatch(3), 0);
  ASSERT_TRUE(raised.ok()) << raised.status();
  EXPECT_EQ(raised->taken, 3);
  EXPECT_EQ(raised->waitlisted, 1);
  EXPECT_EQ(StatusOf(first), "confirmed");
  EXPECT_EQ(StatusOf(second), "confirmed");
  EXPECT_EQ(StatusOf(third), "waitlisted");
  const std::string confirmed_messages =
      "SELECT count(*) FROM events.outbox WHERE type = 'events.registration.confirmed' AND "
      "payload->>'event_id' = '" +
      e.id + "' AND payload->>'status' = 'confirmed' AND payload ? 'organization_id'";
  EXPECT_EQ(Number(confirmed_messages), 2);
  EXPECT_EQ(Number("SELECT count(*) FROM events.audit_log WHERE action = 'promote' AND "
                   "subject_id IN ('" +
                   first + "', '" + second + "')"),
            2);

  // No capacity: everyone waiting gets a place.
  auto unlimited = events_.Update(Admin(), e.id, CapacityPatch(std::nullopt), 0);
  ASSERT_TRUE(unlimited.ok()) << unlimited.status();
  EXPECT_EQ(unlimited->taken, 4);
  EXPECT_EQ(unlimited->waitlisted, 0);
  EXPECT_EQ(StatusOf(third), "confirmed");
  EXPECT_EQ(Number(confirmed_messages), 3);
}

TEST_F(EventChangesDbTest, AnApplicationEventsWaitingListStaysForTheStaffToSelect) {
  auto fields = Fields("Applications");
  fields.capacity = std::optional<int>(1);
  fields.registration = domain::WindowInput{.mode = "application"};
  auto created = events_.Create(Admin(), fields);
  ASSERT_TRUE(created.ok()) << created.status();
  const auto e = Publish(created->id);
  Registration(e.id, "selected");
  const std::string waiting = Registration(e.id, "waitlisted", "now()");
  Text("UPDATE events.events SET taken = 1, waitlisted = 1 WHERE id = '" + e.id + "' RETURNING 1");
  auto raised = events_.Update(Admin(), e.id, CapacityPatch(5), 0);
  ASSERT_TRUE(raised.ok()) << raised.status();
  EXPECT_EQ(raised->taken, 1);
  EXPECT_EQ(raised->waitlisted, 1);
  EXPECT_EQ(StatusOf(waiting), "waitlisted");
}

TEST_F(EventChangesDbTest, TheModeIsFixedOnceAnyoneRegistered) {
  const auto e = Publish(Create("Mode").id);
  domain::EventPatch to_application;
  to_application.registration = domain::WindowInput{.mode = "application"};
  // No registration yet: the mode may change.
  auto changed = events_.Update(Admin(), e.id, to_application, 0);
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ(changed->registration_mode, "application");
  // A window without a mode keeps it.
  domain::EventPatch window;
  window.registration = domain::WindowInput{.closes_at = FromNow(std::chrono::hours(24 * 5))};
  auto kept = events_.Update(Admin(), e.id, window, 0);
  ASSERT_TRUE(kept.ok()) << kept.status();
  EXPECT_EQ(kept->registration_mode, "application");
  // One registration, even a rejected one with no counter: the mode stays.
  Registration(e.id, "rejected");
  domain::EventPatch to_open;
  to_open.registration = domain::WindowInput{.mode = "open"};
  auto refused = events_.Update(Admin(), e.id, to_open, 0);
  EXPECT_EQ(Reason(refused.status()), "invalid_transition") << refused.status();
  EXPECT_EQ(Reload(e.id).registration_mode, "application");
}

TEST_F(EventChangesDbTest, CompletionCountsOnlyTheDaysOfTheEventAsItIsNow) {
  const auto e = Publish(Create("Rescheduled").id);  // three local days
  MoveBack(e.id, 30);                                // held a month earlier, so it has ended
  // Three days attended, but the first is the day before the event (attendance from before a
  // reschedule): two of three days, 66 % < 80 %.
  const std::string moved =
      Registration(e.id, "confirmed", "NULL",
                   "ARRAY(SELECT (starts_at AT TIME ZONE timezone)::date + g FROM events.events, "
                   "generate_series(-1, 1) g WHERE id = '" +
                       e.id + "')");
  ASSERT_TRUE(events_.Act(Admin(), e.id, EventVerb::kComplete, "", 0).ok());
  EXPECT_EQ(
      Text("SELECT coalesce(certificate_code, 'none') FROM events.registrations WHERE id = '" +
           moved + "'"),
      "none");
}

TEST_F(EventChangesDbTest, AnEventEndingAtLocalMidnightHasNoExtraDay) {
  // 09:00 on one day to 00:00 two days later in Belgrade: two local days, not three.
  const std::string day = Text("SELECT ((now() AT TIME ZONE 'Europe/Belgrade')::date + 20)::text");
  const auto at = [&](const std::string& local_sql) {
    return values::Time(std::chrono::seconds(
        std::stoll(Text("SELECT extract(epoch FROM ((" + local_sql +
                        ")::timestamp AT TIME ZONE 'Europe/Belgrade'))::bigint::text"))));
  };
  auto fields = Fields("Midnight");
  fields.starts_at = std::optional<values::Time>(at("'" + day + "'::date + time '09:00'"));
  fields.ends_at = std::optional<values::Time>(at("'" + day + "'::date + 2"));
  auto created = events_.Create(Admin(), fields);
  ASSERT_TRUE(created.ok()) << created.status();
  const auto e = Publish(created->id);
  ASSERT_EQ(domain::LocalDaysOf(e).size(), 2u);
  MoveBack(e.id, 40);  // held 20 days ago instead, so it has ended
  const std::string both = Registration(
      e.id, "confirmed", "NULL", "ARRAY['" + day + "'::date - 40, '" + day + "'::date - 39]");
  ASSERT_TRUE(events_.Act(Admin(), e.id, EventVerb::kComplete, "", 0).ok());
  EXPECT_NE(
      Text("SELECT coalesce(certificate_code, 'none') FROM events.registrations WHERE id = '" +
           both + "'"),
      "none");
}

TEST_F(EventChangesDbTest, InstantsOutsideTheYears1900To9999AreRefused) {
  app::EventListRequest req;
  for (const char* bound : {"0001-01-01T00:00:00Z", "1899-12-31T23:59:59Z"}) {
    req.from = bound;
    EXPECT_EQ(Reason(events_.List(Admin(), req).status()), "malformed") << bound;
  }
  req.from = "1900-01-01T00:00:00Z";
  EXPECT_TRUE(events_.List(Admin(), req).ok());
  auto fields = Fields("Ancient");
  fields.starts_at = std::optional<values::Time>(values::Time(std::chrono::seconds(-62135596800)));
  auto ancient = events_.Create(Admin(), fields);
  EXPECT_TRUE(absl::IsInvalidArgument(ancient.status())) << ancient.status();
}

TEST_F(EventChangesDbTest, TheCalendarCarriesTheNewest500Events) {
  // 501 published events of a kind and country no other test uses, a day apart.
  Text(
      "WITH made AS (INSERT INTO events.events (kind, title, format, online_url, starts_at, "
      "ends_at, country, status) SELECT 'media_caravan', '{\"en\": \"Caravan\"}', 'online', "
      "'https://x.example.org', timestamptz '2040-01-01T00:00:00Z' + g * interval '24 hours', "
      "timestamptz '2040-01-01T00:00:00Z' + g * interval '24 hours' + interval '1 hour', 'AL', "
      "'published' "
      "FROM generate_series(1, 501) g RETURNING 1) SELECT count(*)::text FROM made");
  auto ics = events_.Calendar(identity::Caller{}, {.country = {"AL"}, .kind = {"media_caravan"}});
  ASSERT_TRUE(ics.ok()) << ics.status();
  size_t n = 0;
  for (size_t at = ics->find("BEGIN:VEVENT"); at != std::string::npos;
       at = ics->find("BEGIN:VEVENT", at + 1)) {
    ++n;
  }
  EXPECT_EQ(n, 500u);
  EXPECT_EQ(ics->find("DTSTART:20400102T000000Z"), std::string::npos) << "the oldest is left out";
  EXPECT_NE(ics->find("DTSTART:20410516T000000Z"), std::string::npos) << "the newest is in";
}

}  // namespace
}  // namespace iris::events
