// Events' pure rules: the fields of a create and a patch (every problem at once, named as the
// body names them), the lifecycle, who manages and who sees, sessions inside the event's time,
// and the local days attendance and certificates count.
#include "services/events/domain/event.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "services/events/domain/event_session.hpp"

namespace iris::events::domain {
namespace {

using std::chrono::hours;

Time At(int64_t unix_seconds) { return Time(std::chrono::seconds(unix_seconds)); }

// 2021-10-20T07:00:00Z .. 2021-10-22T15:00:00Z: the IV Academy, three days in Belgrade.
constexpr int64_t kStart = 1634713200, kEnd = 1634914800;

EventPatch Academy() {
  EventPatch p;
  p.kind = "academy";
  p.title = LocalizedText{{"en", "IV Regional Social Academy"}};
  p.format = "online";
  p.online_url = "https://meet.example.org/academy";
  p.starts_at = std::optional<Time>(At(kStart));
  p.ends_at = std::optional<Time>(At(kEnd));
  return p;
}

std::vector<std::string> Fields(const std::vector<InvalidField>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.field);
  return out;
}

identity::Caller Admin() { return {.subject = "a", .role = "network_admin"}; }
identity::Caller Coordinator(std::string country) {
  return {.subject = "c", .role = "national_coordinator", .country = std::move(country)};
}
identity::Caller Member() { return {.subject = "m", .role = "member", .organization_id = "o"}; }

TEST(EventFieldsTest, ANewEventTakesDefaults) {
  Event e;
  ASSERT_TRUE(NewEvent(Academy(), &e).empty());
  EXPECT_EQ(e.status, EventStatus::kDraft);
  EXPECT_EQ(e.timezone, "Europe/Belgrade");
  EXPECT_EQ(e.audience, "members");
  EXPECT_EQ(e.registration_mode, "open");
  EXPECT_EQ(e.certificate_threshold, 80);
  EXPECT_FALSE(e.capacity.has_value());
  EXPECT_EQ(e.country, "");
}

TEST(EventFieldsTest, RequiredFieldsAreNamedAllAtOnce) {
  Event e;
  const auto problems = NewEvent(EventPatch{}, &e);
  EXPECT_EQ(Fields(problems),
            (std::vector<std::string>{"kind", "format", "title", "starts_at", "ends_at"}));
}

TEST(EventFieldsTest, TheCountryDefaultsToTheLocationsAndMayBeRegional) {
  auto p = Academy();
  p.format = "in_person";
  p.location = LocationInput{"Hotel Moskva", "Belgrade", "RS"};
  Event e;
  ASSERT_TRUE(NewEvent(p, &e).empty());
  EXPECT_EQ(e.country, "RS");
  p.country = "";
  ASSERT_TRUE(NewEvent(p, &e).empty());
  EXPECT_EQ(e.country, "");
}

TEST(EventFieldsTest, EachFormatNeedsItsPlaceOrLink) {
  auto p = Academy();
  p.format = "hybrid";
  p.online_url = "";
  Event e;
  EXPECT_EQ(Fields(NewEvent(p, &e)), (std::vector<std::string>{"online_url", "location.city"}));
  p.online_url = "http://meet.example.org/plain";
  EXPECT_EQ(Fields(NewEvent(p, &e)), (std::vector<std::string>{"online_url", "location.city"}));
}

TEST(EventFieldsTest, RefusesBadValuesByField) {
  auto p = Academy();
  p.kind = "party";
  p.timezone = "Mars/Olympus";
  p.capacity = std::optional<int>(0);
  p.country = "XX";
  p.languages = std::vector<std::string>{"en", "klingon"};
  p.host_organization_id = "not-a-uuid";
  p.partner_organization_ids = std::vector<std::string>{"7d7c8f0e-1b7a-4c55-9d8c-3f1f2b4a5c6d",
                                                        "7D7C8F0E-1B7A-4C55-9D8C-3F1F2B4A5C6D"};
  p.certificate_threshold = 101;
  p.read_only_sent = {"status"};
  Event e;
  EXPECT_EQ(Fields(NewEvent(p, &e)),
            (std::vector<std::string>{"status", "kind", "timezone", "languages[1]", "capacity",
                                      "country", "host_organization_id",
                                      "partner_organization_ids[1]", "certificate_threshold"}));
}

TEST(EventFieldsTest, EndsAfterItStartsAndWithinAYear) {
  auto p = Academy();
  p.ends_at = std::optional<Time>(At(kStart));
  Event e;
  EXPECT_EQ(Fields(NewEvent(p, &e)), (std::vector<std::string>{"ends_at"}));
  p.ends_at = std::optional<Time>(At(kStart) + hours(24 * 400));
  EXPECT_EQ(Fields(NewEvent(p, &e)), (std::vector<std::string>{"ends_at"}));
}

TEST(EventFieldsTest, ClosesOnIsTheEndOfThatDayInTheEventsZone) {
  auto p = Academy();
  p.registration = WindowInput{.mode = "application", .closes_on = "2021-10-14"};
  Event e;
  ASSERT_TRUE(NewEvent(p, &e).empty());
  ASSERT_TRUE(e.registration_closes_at.has_value());
  // 2021-10-15T00:00 in Belgrade (UTC+2 in summer time) is 2021-10-14T22:00Z.
  EXPECT_EQ(*e.registration_closes_at, At(1634248800));
  EXPECT_EQ(RegistrationClosesOn(e), "2021-10-14");
  EXPECT_EQ(e.registration_mode, "application");
  // Both, as a GET returns them: accepted when closes_on is closes_at's local day.
  p.registration->closes_at = At(1634248800);
  ASSERT_TRUE(NewEvent(p, &e).empty());
  EXPECT_EQ(*e.registration_closes_at, At(1634248800));
  p.registration->closes_at = At(1634248800 - 6 * 3600);  // 18:00 on the 14th: its day too
  ASSERT_TRUE(NewEvent(p, &e).empty());
  EXPECT_EQ(*e.registration_closes_at, At(1634248800 - 6 * 3600));
  p.registration->closes_at = At(1634248800 + 60);  // already the 15th there
  EXPECT_EQ(Fields(NewEvent(p, &e)), (std::vector<std::string>{"registration.closes_on"}));
  p.registration = WindowInput{.opens_at = At(kStart), .closes_at = At(kStart - 60)};
  EXPECT_EQ(Fields(NewEvent(p, &e)), (std::vector<std::string>{"registration.closes_at"}));
}

TEST(EventFieldsTest, RegistrationsCloseWithTheEventAtTheLatest) {
  auto p = Academy();
  p.registration = WindowInput{.closes_at = At(kEnd)};  // until its very end: fine
  Event e;
  ASSERT_TRUE(NewEvent(p, &e).empty());
  p.registration = WindowInput{.closes_at = At(kEnd + 1)};
  EXPECT_EQ(Fields(NewEvent(p, &e)), (std::vector<std::string>{"registration.closes_at"}));
  // A patch moving the end before the window's close names the end it sent.
  p.registration = WindowInput{.closes_at = At(kEnd)};
  ASSERT_TRUE(NewEvent(p, &e).empty());
  EventPatch earlier;
  earlier.ends_at = std::optional<Time>(At(kEnd - 3600));
  std::vector<std::string> changed;
  EXPECT_EQ(Fields(ApplyPatch(earlier, &e, &changed)), (std::vector<std::string>{"ends_at"}));
}

TEST(EventFieldsTest, AWindowOpensBeforeItCloses) {
  auto p = Academy();
  // No closes_at: the window ends at the start, so it must open before.
  p.registration = WindowInput{.opens_at = At(kStart)};
  Event e;
  EXPECT_EQ(Fields(NewEvent(p, &e)), (std::vector<std::string>{"registration.opens_at"}));
  p.registration = WindowInput{.opens_at = At(kStart - 60)};
  EXPECT_TRUE(NewEvent(p, &e).empty());
  // With closes_at (up to the end), it may open after the start: late registration.
  p.registration = WindowInput{.opens_at = At(kStart + 60), .closes_at = At(kEnd)};
  EXPECT_TRUE(NewEvent(p, &e).empty());
}

TEST(EventFieldsTest, APatchNamesWhatChanged) {
  Event e;
  ASSERT_TRUE(NewEvent(Academy(), &e).empty());
  EventPatch p;
  p.capacity = std::optional<int>(40);
  p.title = LocalizedText{{"en", "IV Regional Social Academy"}};  // the same
  std::vector<std::string> changed;
  ASSERT_TRUE(ApplyPatch(p, &e, &changed).empty());
  EXPECT_EQ(changed, (std::vector<std::string>{"capacity"}));
  EXPECT_EQ(e.capacity, 40);
}

TEST(EventLifecycleTest, Transitions) {
  EXPECT_EQ(Transition(EventStatus::kDraft, EventVerb::kPublish), EventStatus::kPublished);
  // A draft was never announced: nothing to cancel (it stays private).
  EXPECT_FALSE(Transition(EventStatus::kDraft, EventVerb::kCancel));
  EXPECT_EQ(Transition(EventStatus::kPublished, EventVerb::kCancel), EventStatus::kCancelled);
  EXPECT_EQ(Transition(EventStatus::kPublished, EventVerb::kComplete), EventStatus::kCompleted);
  EXPECT_FALSE(Transition(EventStatus::kDraft, EventVerb::kComplete));
  EXPECT_FALSE(Transition(EventStatus::kPublished, EventVerb::kPublish));
  EXPECT_FALSE(Transition(EventStatus::kCompleted, EventVerb::kCancel));
  EXPECT_FALSE(Transition(EventStatus::kCancelled, EventVerb::kPublish));
}

TEST(EventLifecycleTest, CompletedOnlyOnceEnded) {
  Event e;
  e.status = EventStatus::kPublished;
  e.starts_at = At(kStart);
  e.ends_at = At(kEnd);
  EXPECT_EQ(RefuseBeforeEnd(e, EventVerb::kComplete, At(kEnd) - std::chrono::microseconds(1)),
            "the event has not ended yet; complete it after 2021-10-22T15:00:00Z");
  EXPECT_EQ(RefuseBeforeEnd(e, EventVerb::kComplete, At(kEnd)), std::nullopt);
  EXPECT_EQ(RefuseBeforeEnd(e, EventVerb::kComplete, At(kEnd) + hours(24)), std::nullopt);
  // Cancelling (or publishing) does not wait for the end.
  EXPECT_EQ(RefuseBeforeEnd(e, EventVerb::kCancel, At(kStart)), std::nullopt);
  EXPECT_EQ(RefuseBeforeEnd(e, EventVerb::kPublish, At(kStart)), std::nullopt);
}

TEST(EventAccessTest, CoordinatorsManageTheirCountrysEventsAndDraftsStayHidden) {
  Event e;
  e.country = "RS";
  EXPECT_TRUE(CanManage(Admin(), e));
  EXPECT_TRUE(CanManage(Coordinator("RS"), e));
  EXPECT_FALSE(CanManage(Coordinator("BA"), e));
  EXPECT_FALSE(CanManage(Member(), e));
  EXPECT_FALSE(CanSee(Member(), e));
  EXPECT_FALSE(CanSee(identity::Caller{}, e));
  EXPECT_FALSE(CanSee(Coordinator("BA"), e));
  e.status = EventStatus::kPublished;
  EXPECT_TRUE(CanSee(identity::Caller{}, e));
  e.country = "";  // regional: network admins only
  EXPECT_FALSE(CanManage(Coordinator("RS"), e));
  EXPECT_TRUE(CanManage(Admin(), e));
}

TEST(EventDaysTest, LocalDaysRunFromTheStartsDayToTheEndsDayInTheEventsZone) {
  Event e;
  e.timezone = "Europe/Belgrade";
  e.starts_at = At(kStart);
  e.ends_at = At(kEnd);
  const auto days = LocalDaysOf(e);
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(values::DateText(days.front()), "2021-10-20");
  EXPECT_EQ(values::DateText(days.back()), "2021-10-22");
  // 23:30Z on the 22nd is already the 23rd in Belgrade.
  e.ends_at = At(kEnd + 8 * 3600 + 30 * 60);
  EXPECT_EQ(LocalDaysOf(e).size(), 4u);
  e.timezone = "UTC";
  EXPECT_EQ(LocalDaysOf(e).size(), 3u);
}

TEST(EventDaysTest, AnEventEndingAtLocalMidnightHasNoDayAfterIt) {
  Event e;
  e.timezone = "Europe/Belgrade";
  e.starts_at = At(kStart);
  e.ends_at = At(1634940000);  // 2021-10-23T00:00 in Belgrade (22:00Z on the 22nd)
  const auto days = LocalDaysOf(e);
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(values::DateText(days.back()), "2021-10-22");
}

TEST(EventFieldsTest, InstantsAreInTheYears1900To9999) {
  auto p = Academy();
  p.starts_at = std::optional<Time>(At(-2208988801));           // 1899-12-31T23:59:59Z
  p.registration = WindowInput{.opens_at = At(-62135596800),    // 0001-01-01
                               .closes_at = At(253402300800)};  // 10000-01-01
  Event e;
  EXPECT_EQ(Fields(NewEvent(p, &e)), (std::vector<std::string>{"starts_at", "registration.opens_at",
                                                               "registration.closes_at"}));
  Event draft;
  ASSERT_TRUE(NewEvent(Academy(), &draft).empty());
  SessionInput in;
  in.title = LocalizedText{{"en", "Opening"}};
  in.starts_at = std::optional<Time>(At(-62135596800));
  in.ends_at = std::optional<Time>(At(kStart + 3600));
  Session s;
  EXPECT_EQ(Fields(NewSession(in, draft, &s)), (std::vector<std::string>{"starts_at"}));
}

TEST(EventFieldsTest, AWindowWithoutModeKeepsTheStoredMode) {
  auto p = Academy();
  p.registration = WindowInput{.mode = "application"};
  Event e;
  ASSERT_TRUE(NewEvent(p, &e).empty());
  EventPatch patch;
  patch.registration = WindowInput{.closes_on = "2021-10-14"};
  std::vector<std::string> changed;
  ASSERT_TRUE(ApplyPatch(patch, &e, &changed).empty());
  EXPECT_EQ(e.registration_mode, "application");
  EXPECT_EQ(RegistrationClosesOn(e), "2021-10-14");
}

TEST(SessionTest, SessionsLieInsideTheEventsTime) {
  Event e;
  e.id = "e";
  e.starts_at = At(kStart);
  e.ends_at = At(kEnd);
  SessionInput in;
  in.title = LocalizedText{{"en", "Opening"}};
  in.starts_at = std::optional<Time>(At(kStart));
  in.ends_at = std::optional<Time>(At(kStart + 3600));
  in.speakers = std::vector<Speaker>{{"Ana", "UNICEF"}};
  Session s;
  ASSERT_TRUE(NewSession(in, e, &s).empty());
  EXPECT_EQ(s.event_id, "e");
  EXPECT_EQ(s.speakers.size(), 1u);
  in.starts_at = std::optional<Time>(At(kStart - 60));
  in.ends_at = std::optional<Time>(At(kEnd + 60));
  EXPECT_EQ(Fields(NewSession(in, e, &s)), (std::vector<std::string>{"starts_at", "ends_at"}));
  in.starts_at = std::optional<Time>(At(kStart));
  in.ends_at = std::optional<Time>(At(kStart + 60));
  in.speakers = std::vector<Speaker>(51, Speaker{"Ana", ""});
  EXPECT_EQ(Fields(NewSession(in, e, &s)), (std::vector<std::string>{"speakers"}));
  in.speakers = std::vector<Speaker>{{"", ""}};
  EXPECT_EQ(Fields(NewSession(in, e, &s)), (std::vector<std::string>{"speakers[0].name"}));
}

TEST(SessionTest, ARescheduleMustKeepItsSessions) {
  Event e;
  e.starts_at = At(kStart + 3600);
  e.ends_at = At(kEnd - 3600);
  EXPECT_EQ(Fields(SessionsFit(e, At(kStart), At(kEnd))),
            (std::vector<std::string>{"starts_at", "ends_at"}));
  EXPECT_TRUE(SessionsFit(e, At(kStart + 3600), At(kEnd - 3600)).empty());
}

}  // namespace
}  // namespace iris::events::domain
