// Events against the real schema: drafts hidden, coordinators' scope, host and partners asked
// of membership (nothing written when it is down), versions, capacity never below the places
// taken, sessions inside the event's time (a reschedule keeps them), the list's filters, the
// calendar, and completion issuing certificates in its transaction with their messages.
#include "services/events/tests/event_db_fixture.hpp"

namespace iris::events {
namespace {

TEST_F(EventDbTest, CreateStoresADraftAndRecordsIt) {
  const auto e = Create(iris::testing::UniqueName("Peer review"));
  ASSERT_FALSE(e.id.empty());
  EXPECT_EQ(e.status, EventStatus::kDraft);
  EXPECT_EQ(e.country, "RS");
  EXPECT_EQ(e.city, "Belgrade");
  EXPECT_EQ(e.version, 1);
  EXPECT_EQ(Number("SELECT count(*) FROM events.outbox WHERE subject_id = '" + e.id +
                   "' AND type = 'events.event.created' AND payload->>'status' = 'draft'"
                   " AND payload->>'registration_closes_at' IS NOT NULL"),
            1);
  EXPECT_EQ(Number("SELECT count(*) FROM events.audit_log WHERE subject_id = '" + e.id +
                   "' AND action = 'create'"),
            1);
}

TEST_F(EventDbTest, DraftsAreHiddenFromAllButTheStaffWhoManageThem) {
  const auto e = Create(iris::testing::UniqueName("Draft"));
  EXPECT_TRUE(events_.Get(Admin(), e.id).ok());
  EXPECT_TRUE(events_.Get(Coordinator("RS"), e.id).ok());
  EXPECT_TRUE(absl::IsNotFound(events_.Get(Coordinator("BA"), e.id).status()));
  EXPECT_TRUE(absl::IsNotFound(events_.Get(Member(), e.id).status()));
  EXPECT_TRUE(absl::IsNotFound(events_.Get(identity::Caller{}, e.id).status()));
  Publish(e.id);
  EXPECT_TRUE(events_.Get(identity::Caller{}, e.id).ok());
}

TEST_F(EventDbTest, CoordinatorsCreateAndChangeOnlyTheirCountrysEvents) {
  EXPECT_TRUE(events_.Create(Coordinator("RS"), Fields("Ours", "RS")).ok());
  auto other = events_.Create(Coordinator("RS"), Fields("Theirs", "BA"));
  EXPECT_TRUE(absl::IsPermissionDenied(other.status())) << other.status();
  auto member = events_.Create(Member(), Fields("Mine"));
  EXPECT_TRUE(absl::IsPermissionDenied(member.status())) << member.status();
  const auto e = Publish(Create("Published in BA", "BA").id);
  domain::EventPatch p;
  p.edition = "II";
  auto refused = events_.Update(Coordinator("RS"), e.id, p, 0);
  EXPECT_TRUE(absl::IsPermissionDenied(refused.status())) << refused.status();
  EXPECT_TRUE(events_.Update(Coordinator("BA"), e.id, p, 0).ok());
  p = domain::EventPatch{};
  p.country = "RS";
  auto moved = events_.Update(Coordinator("BA"), e.id, p, 0);
  EXPECT_TRUE(absl::IsPermissionDenied(moved.status())) << moved.status();
}

TEST_F(EventDbTest, HostAndPartnersAreCheckedWithMembership) {
  auto p = Fields("Hosted");
  p.host_organization_id = ActiveOrg();
  p.partner_organization_ids = std::vector<std::string>{ActiveOrg(), ActiveOrg(false), NewId()};
  auto refused = events_.Create(Admin(), p);
  ASSERT_TRUE(absl::IsInvalidArgument(refused.status())) << refused.status();
  std::set<std::string> fields;
  const auto detail = status::DetailOf(refused.status());
  for (const auto& e : detail.errors()) fields.insert(e.field());
  EXPECT_EQ(fields,
            (std::set<std::string>{"partner_organization_ids[1]", "partner_organization_ids[2]"}))
      << refused.status();
  p.partner_organization_ids = std::vector<std::string>{ActiveOrg()};
  directory_.down = true;
  const int before = Number("SELECT count(*) FROM events.events");
  auto down = events_.Create(Admin(), p);
  EXPECT_TRUE(absl::IsUnavailable(down.status())) << down.status();
  EXPECT_EQ(Number("SELECT count(*) FROM events.events"), before);
  directory_.down = false;
  auto made = events_.Create(Admin(), p);
  ASSERT_TRUE(made.ok()) << made.status();
  EXPECT_EQ(made->host_organization_id, *p.host_organization_id);
  // A patch asks only about organisations it adds.
  directory_.asked = 0;
  domain::EventPatch edition;
  edition.edition = "III";
  ASSERT_TRUE(events_.Update(Admin(), made->id, edition, 0).ok());
  EXPECT_EQ(directory_.asked, 0);
}

TEST_F(EventDbTest, UpdatesCheckVersionStatusAndCapacity) {
  auto e = Publish(Create("Capacity").id);
  domain::EventPatch p;
  p.capacity = std::optional<int>(2);
  auto stale = events_.Update(Admin(), e.id, p, e.version - 1);
  EXPECT_EQ(Reason(stale.status()), "stale_version") << stale.status();
  auto ok = events_.Update(Admin(), e.id, p, e.version);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->capacity, 2);
  EXPECT_EQ(ok->version, e.version + 1);
  // Two places taken (as registrations would keep them): capacity 1 is over_capacity.
  Text("UPDATE events.events SET taken = 2 WHERE id = '" + e.id + "' RETURNING 1");
  p.capacity = std::optional<int>(1);
  auto over = events_.Update(Admin(), e.id, p, 0);
  EXPECT_EQ(Reason(over.status()), "over_capacity") << over.status();
  ASSERT_TRUE(events_.Act(Admin(), e.id, EventVerb::kCancel, "postponed", 0).ok());
  p.capacity = std::optional<int>(5);
  auto history = events_.Update(Admin(), e.id, p, 0);
  EXPECT_EQ(Reason(history.status()), "invalid_transition") << history.status();
}

TEST_F(EventDbTest, VerbsFollowTheLifecycle) {
  const auto e = Create("Lifecycle");
  auto early = events_.Act(Admin(), e.id, EventVerb::kComplete, "", 0);
  EXPECT_EQ(Reason(early.status()), "invalid_transition") << early.status();
  auto published = events_.Act(Admin(), e.id, EventVerb::kPublish, "ready", 0);
  ASSERT_TRUE(published.ok()) << published.status();
  EXPECT_EQ(published->status, EventStatus::kPublished);
  EXPECT_EQ(published->status_note, "ready");
  EXPECT_TRUE(published->status_changed_at.has_value());
  // Not before it has ended: certificates cover attendance that has happened only.
  auto before_end = events_.Act(Admin(), e.id, EventVerb::kComplete, "", 0);
  EXPECT_EQ(Reason(before_end.status()), "invalid_transition") << before_end.status();
  EXPECT_NE(before_end.status().message().find("has not ended yet; complete it after "),
            std::string::npos)
      << before_end.status();
  auto again = events_.Act(Admin(), e.id, EventVerb::kPublish, "", 0);
  EXPECT_EQ(Reason(again.status()), "invalid_transition") << again.status();
  auto by_member = events_.Act(Member(), e.id, EventVerb::kCancel, "", 0);
  EXPECT_TRUE(absl::IsPermissionDenied(by_member.status())) << by_member.status();
  EXPECT_EQ(Number("SELECT count(*) FROM events.outbox WHERE subject_id = '" + e.id +
                   "' AND type = 'events.event.published' AND payload->>'status' = 'published'"),
            1);
}

TEST_F(EventDbTest, SessionsLieInsideTheEventAndAReschedulKeepsThem) {
  const auto e = Create("Agenda");
  domain::SessionInput in;
  in.title = values::LocalizedText{{"en", "Opening"}};
  in.starts_at = std::optional<values::Time>(e.starts_at + std::chrono::hours(2));
  in.ends_at = std::optional<values::Time>(e.starts_at + std::chrono::hours(3));
  in.speakers = std::vector<domain::Speaker>{{"Ana Marković", "UNICEF"}};
  auto second = events_.CreateSession(Admin(), e.id, in);
  ASSERT_TRUE(second.ok()) << second.status();
  in.starts_at = std::optional<values::Time>(e.starts_at);
  in.ends_at = std::optional<values::Time>(e.starts_at + std::chrono::hours(1));
  auto first = events_.CreateSession(Admin(), e.id, in);
  ASSERT_TRUE(first.ok()) << first.status();
  in.ends_at = std::optional<values::Time>(e.ends_at + std::chrono::hours(1));
  auto outside = events_.CreateSession(Admin(), e.id, in);
  EXPECT_TRUE(absl::IsInvalidArgument(outside.status())) << outside.status();
  auto page = events_.ListSessions(Admin(), e.id, {});
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].id, first->id);
  EXPECT_EQ(page->items[1].speakers[0].organization, "UNICEF");
  EXPECT_TRUE(absl::IsNotFound(events_.ListSessions(identity::Caller{}, e.id, {}).status()));
  domain::EventPatch later;
  later.starts_at = std::optional<values::Time>(e.starts_at + std::chrono::hours(1));
  auto moved = events_.Update(Admin(), e.id, later, 0);
  ASSERT_TRUE(absl::IsInvalidArgument(moved.status())) << moved.status();
  EXPECT_NE(std::string(moved.status().message()).find("starts_at"), std::string::npos);
  EXPECT_EQ(Number("SELECT count(*) FROM events.outbox WHERE type = 'events.session.created'"
                   " AND payload->>'event_id' = '" +
                   e.id + "'"),
            2);
}

TEST_F(EventDbTest, ListsFilterAndHideOthersDrafts) {
  const std::string title = iris::testing::UniqueName("Listed");
  const auto draft = Create(title, "ME");
  const auto published = Publish(Create(title, "ME").id);
  app::EventListRequest req;
  req.country = {"me"};
  req.kind = {"peer_review"};
  auto count = [&](const identity::Caller& caller) {
    auto page = events_.List(caller, req);
    EXPECT_TRUE(page.ok()) << page.status();
    int n = 0;
    for (const auto& e : page.ok() ? page->items : std::vector<domain::Event>{}) {
      if (e.id == draft.id || e.id == published.id) ++n;
    }
    return n;
  };
  req.page.limit = 200;
  EXPECT_EQ(count(Admin()), 2);
  EXPECT_EQ(count(Coordinator("ME")), 2);
  EXPECT_EQ(count(Coordinator("RS")), 1);
  EXPECT_EQ(count(identity::Caller{}), 1);
  req.status = {"draft"};
  EXPECT_EQ(count(identity::Caller{}), 0);
  req.status = {"nonsense"};
  EXPECT_EQ(Reason(events_.List(Admin(), req).status()), "malformed");
  req.status = {};
  req.from = "2999-01-01";
  EXPECT_EQ(count(Admin()), 0);
  req.from = "yesterday";
  EXPECT_EQ(Reason(events_.List(Admin(), req).status()), "malformed");
}

TEST_F(EventDbTest, TheCalendarHasNoDrafts) {
  const std::string title = iris::testing::UniqueName("Calendar");
  const auto draft = Create(title + " draft", "XK");
  const auto published = Publish(Create(title, "XK").id);
  auto ics = events_.Calendar(identity::Caller{}, {.country = {"XK"}, .kind = {"peer_review"}});
  ASSERT_TRUE(ics.ok()) << ics.status();
  EXPECT_NE(ics->find("UID:" + published.id + "@iris"), std::string::npos);
  EXPECT_EQ(ics->find("UID:" + draft.id + "@iris"), std::string::npos);
  EXPECT_EQ(Reason(events_.Calendar(identity::Caller{}, {.country = {"ZZ"}, .kind = {}}).status()),
            "malformed");
}

TEST_F(EventDbTest, CompletingIssuesCertificatesToWhoAttendedEnough) {
  const auto e = Publish(Create("Certified").id);  // three local days: 10, 11 and 12 days ahead
  MoveBack(e.id, 30);                              // held 20 to 18 days ago instead
  auto registration = [&](const std::string& status, int days_attended) {
    std::string days = "ARRAY[]::date[]";
    if (days_attended > 0) {
      days =
          "ARRAY(SELECT (starts_at AT TIME ZONE timezone)::date + g FROM events.events, "
          "generate_series(0, " +
          std::to_string(days_attended - 1) + ") g WHERE id = '" + e.id + "')";
    }
    return Text(
        "INSERT INTO events.registrations (event_id, person_name, person_email, "
        "organization_id, status, attended_days) VALUES ('" +
        e.id + "', 'Jelena', '" + NewId() + "@example.org', gen_random_uuid(), '" + status + "', " +
        days + ") RETURNING id::text");
  };
  const auto days = domain::LocalDaysOf(e).size();
  const std::string all = registration("confirmed", static_cast<int>(days));
  const std::string short_of = registration("confirmed", static_cast<int>(days) - 1);
  const std::string cancelled = registration("cancelled", static_cast<int>(days));
  auto done = events_.Act(Admin(), e.id, EventVerb::kComplete, "", 0);
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_EQ(done->status, EventStatus::kCompleted);
  const std::string code =
      Text("SELECT coalesce(certificate_code, 'none') FROM events.registrations WHERE id = '" +
           all + "'");
  EXPECT_EQ(code.size(), 21u) << code;
  EXPECT_EQ(code.rfind("IRIS-", 0), 0u) << code;
  EXPECT_EQ(code.find_first_not_of("0123456789ABCDEF", 5), std::string::npos) << code;
  // 2 of 3 days is 66 % < 80 %; a cancelled registration gets none.
  EXPECT_EQ(Text("SELECT coalesce(certificate_code, 'none') FROM events.registrations WHERE "
                 "id IN ('" +
                 short_of + "', '" + cancelled + "') GROUP BY 1"),
            "none");
  EXPECT_EQ(Number("SELECT count(*) FROM events.outbox WHERE type = "
                   "'events.registration.certified' AND payload->>'event_id' = '" +
                   e.id + "'"),
            1);
  EXPECT_EQ(Number("SELECT count(*) FROM events.outbox WHERE subject_id = '" + e.id +
                   "' AND type = 'events.event.completed'"),
            1);
}

}  // namespace
}  // namespace iris::events
