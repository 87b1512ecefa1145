// Events through the gateway: staff create events as drafts nobody else sees, publish,
// reschedule, cancel and complete them; national coordinators only in their country; host and
// partners checked with membership (503 while it is down, nothing written); agenda sessions
// inside the event's time, listed by start; and the iCalendar feed, parsed by ical.js (npm,
// tests/calendar), with drafts absent and cancelled events STATUS:CANCELLED.
#include "tests/e2e/events_suite.hpp"

namespace iris::testing {
namespace {

TEST_F(EventsE2eTest, StaffCreateADraftNobodyElseSeesThenPublishIt) {
  auto r = As(admin_, "POST", "/v1/events", NewEvent("Peer review " + token_).dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const auto e = Parse(r);
  const std::string id = e["id"];
  EXPECT_EQ(r.Header("location"), "/v1/events/" + id);
  // The version, then (after the dot) a tag of the places: see PlacesChangeTheEtag...
  EXPECT_EQ(r.Header("etag").rfind("\"1.", 0), 0u) << r.Header("etag");
  EXPECT_EQ(e["status"], "draft");
  EXPECT_EQ(e["kind"], "peer_review");
  EXPECT_EQ(e["format"], "hybrid");
  EXPECT_EQ(e["country"], "RS");  // from the location
  EXPECT_EQ(e["timezone"], "Europe/Belgrade");
  EXPECT_EQ(e["audience"], "members");
  EXPECT_EQ(e["certificate_threshold"], 80);
  EXPECT_EQ(e["registration"]["mode"], "application");
  // 14 October is summer time in Belgrade (UTC+2): the day ends at 22:00Z.
  EXPECT_EQ(e["registration"]["closes_at"], "2031-10-14T22:00:00Z");
  EXPECT_EQ(e["registration"]["closes_on"], "2031-10-14");
  EXPECT_TRUE(e["registration"]["opens_at"].is_null());
  EXPECT_EQ(e["places"],
            json({{"taken", 0}, {"waitlisted", 0}, {"submitted", 0}, {"available", 30}}));
  EXPECT_TRUE(e["host_organization_id"].is_null());
  EXPECT_EQ(e["partner_organization_ids"], json::array());

  // A draft is 404 to everyone but the staff who may manage it.
  EXPECT_EQ(As("", "GET", "/v1/events/" + id).status, 404);
  EXPECT_EQ(As(member_, "GET", "/v1/events/" + id).status, 404);
  EXPECT_EQ(As(coordinator_ba_, "GET", "/v1/events/" + id).status, 404);
  EXPECT_EQ(As(coordinator_rs_, "GET", "/v1/events/" + id).status, 200);
  // A draft was never announced: it cannot be cancelled (nor deleted yet), only published.
  auto cancel_draft = Verb(admin_, id, "cancel");
  EXPECT_EQ(cancel_draft.status, 409) << cancel_draft.body;
  EXPECT_EQ(Type(cancel_draft), "/problems/invalid_transition");

  auto stale = Verb(admin_, id, "publish", "\"7\"");
  EXPECT_EQ(stale.status, 412) << stale.body;
  auto published = Verb(admin_, id, "publish", "\"1\"");
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(Parse(published)["status"], "published");
  EXPECT_EQ(published.Header("etag").rfind("\"2.", 0), 0u) << published.Header("etag");
  auto anonymous = As("", "GET", "/v1/events/" + id);
  ASSERT_EQ(anonymous.status, 200) << anonymous.body;
  EXPECT_EQ(Parse(anonymous)["title"]["en"], "Peer review " + token_);
  auto again = Verb(admin_, id, "publish");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(Type(again), "/problems/invalid_transition");

  // A published event may be rescheduled (If-Match), and completed; then it is history.
  Headers if_match{{"If-Match", "\"2\""}};
  auto moved = As(admin_, "PATCH", "/v1/events/" + id,
                  json{{"starts_at", "2031-10-21T07:00:00Z"}, {"capacity", 25}}.dump(), if_match);
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Parse(moved)["starts_at"], "2031-10-21T07:00:00Z");
  EXPECT_EQ(Parse(moved)["places"]["available"], 25);
  // Not before it has ended: 409, saying when it may be.
  auto early = Verb(admin_, id, "complete");
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(Type(early), "/problems/invalid_transition");
  EXPECT_NE(early.body.find("the event has not ended yet; complete it after 2031-10-22T15:00:00Z"),
            std::string::npos)
      << early.body;
  // Held ten years earlier (history is data), so it has ended.
  auto held = As(admin_, "PATCH", "/v1/events/" + id,
                 json{{"starts_at", "2021-10-21T07:00:00Z"},
                      {"ends_at", "2021-10-22T15:00:00Z"},
                      {"registration", {{"closes_on", "2021-10-14"}}}}
                     .dump());
  ASSERT_EQ(held.status, 200) << held.body;
  auto done = Verb(admin_, id, "complete");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Parse(done)["status"], "completed");
  auto late = As(admin_, "PATCH", "/v1/events/" + id, json{{"capacity", 20}}.dump());
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(Type(late), "/problems/invalid_transition");
  EXPECT_EQ(Verb(admin_, id, "cancel").status, 409);
}

TEST_F(EventsE2eTest, BrokenRulesAre422NamingEachField) {
  auto bad = NewEvent("Broken " + token_);
  bad["status"] = "published";
  bad["kind"] = "other";
  bad["online_url"] = "http://plain.example.org";
  bad["timezone"] = "Mars/Olympus";
  bad["ends_at"] = "2031-10-19T07:00:00Z";
  bad["capacity"] = 0;
  bad["registration"]["opens_at"] = "1899-12-31T23:59:59Z";
  auto r = As(admin_, "POST", "/v1/events", bad.dump());
  ExpectProblem(r, 422);
  for (const char* field :
       {"status", "online_url", "timezone", "ends_at", "capacity", "registration.opens_at"}) {
    EXPECT_TRUE(FieldsOf(r).count(field)) << field << " not in " << r.body;
  }
  auto bare = json{{"title", {{"en", "Bare"}}}};
  auto missing = As(admin_, "POST", "/v1/events", bare.dump());
  for (const char* field : {"kind", "format", "starts_at", "ends_at"}) {
    EXPECT_TRUE(FieldsOf(missing).count(field)) << field << " not in " << missing.body;
  }
}

// API.md: a localized map needs at least one entry. {} is refused (422 naming the field),
// title or description, on create and on PATCH; null clears an optional one.
TEST_F(EventsE2eTest, ALocalizedMapNeedsALanguageAndNullClearsAnOptionalOne) {
  auto empty_title = NewEvent("Empty maps " + token_);
  empty_title["title"] = json::object();
  empty_title["description"] = json::object();
  auto refused = As(admin_, "POST", "/v1/events", empty_title.dump());
  ExpectProblem(refused, 422);
  EXPECT_TRUE(FieldsOf(refused).count("title")) << refused.body;
  EXPECT_TRUE(FieldsOf(refused).count("description")) << refused.body;

  const auto event = Create(admin_, NewEvent("Cleared " + token_));
  ASSERT_TRUE(event.contains("id"));
  const std::string path = "/v1/events/" + event["id"].get<std::string>();
  auto empty = As(admin_, "PATCH", path, json{{"description", json::object()}}.dump());
  ExpectProblem(empty, 422);
  EXPECT_TRUE(FieldsOf(empty).count("description")) << empty.body;
  auto cleared = As(admin_, "PATCH", path, json{{"description", nullptr}}.dump());
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(Parse(cleared)["description"].is_null()) << cleared.body;
}

TEST_F(EventsE2eTest, CoordinatorsManageOnlyTheirCountrysEvents) {
  const auto ours = Create(coordinator_rs_, NewEvent("Coordinated " + token_, "RS"));
  ASSERT_TRUE(ours.contains("id"));
  ExpectProblem(
      As(coordinator_rs_, "POST", "/v1/events", NewEvent("Elsewhere " + token_, "BA").dump()), 403);
  auto regional = NewEvent("Regional " + token_, "RS");
  regional["country"] = nullptr;
  ExpectProblem(As(coordinator_rs_, "POST", "/v1/events", regional.dump()), 403);
  ExpectProblem(As(member_, "POST", "/v1/events", NewEvent("Member " + token_).dump()), 403);
  ExpectProblem(As("", "POST", "/v1/events", NewEvent("Anonymous " + token_).dump()), 401);
  const std::string id = ours["id"];
  // The other country's coordinator does not even see the draft.
  EXPECT_EQ(Verb(coordinator_ba_, id, "publish").status, 404);
  EXPECT_EQ(Verb(coordinator_rs_, id, "publish").status, 200);
  ExpectProblem(Verb(coordinator_ba_, id, "cancel"), 403);
  auto listed = As(coordinator_rs_, "GET", "/v1/events?status=published&country=RS&limit=200");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_NE(listed.body.find(id), std::string::npos);
  ExpectProblem(As(admin_, "GET", "/v1/events?status=finished"), 400);
}

TEST_F(EventsE2eTest, HostIsCheckedWithMembershipAnd503WhileItIsDown) {
  auto hosted = NewEvent("Hosted " + token_);
  hosted["host_organization_id"] = org_;
  const auto e = Create(admin_, hosted);
  EXPECT_EQ(e.value("host_organization_id", json()), org_);
  auto unknown = NewEvent("Unknown host " + token_);
  unknown["host_organization_id"] = "7d7c8f0e-1b7a-4c55-9d8c-3f1f2b4a5c6d";
  ExpectProblem(As(admin_, "POST", "/v1/events", unknown.dump()), 422, "host_organization_id");

  const std::string title = "Outage " + token_;
  auto outage = NewEvent(title);
  outage["partner_organization_ids"] = {org_};
  outage["starts_at"] = UniqueInstant(1);
  outage["ends_at"] = UniqueInstant(2);
  outage["registration"] = {{"mode", "open"}};
  ASSERT_EQ(As(admin_, "GET", "/v1/events?limit=1").status, 200);  // the admin is known
  system_->KillService("membership");
  auto r = As(admin_, "POST", "/v1/events", outage.dump());
  system_->StartService("membership");
  ASSERT_TRUE(system_->WaitReady(30s));
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_FALSE(r.Header("retry-after").empty());
  // The run's own window: the list holds nothing else, so an event written there would show.
  auto list = As(admin_, "GET",
                 "/v1/events?status=draft&from=" + UniqueInstant(1) + "&to=" + UniqueInstant(2));
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(Parse(list)["items"], json::array()) << "written while membership was down";
  HttpResult retried;
  EXPECT_TRUE(Eventually(
      [&] {
        retried = As(admin_, "POST", "/v1/events", outage.dump());
        return retried.status != 503;
      },
      15s, 200ms));
  EXPECT_EQ(retried.status, 201) << retried.body;
  auto after = As(admin_, "GET",
                  "/v1/events?status=draft&from=" + UniqueInstant(1) + "&to=" + UniqueInstant(2));
  EXPECT_EQ(Parse(after)["items"].size(), 1u) << after.body;
}

TEST_F(EventsE2eTest, DraftsAreNotListedToThoseWhoCannotSeeThem) {
  // Both in a window of this run only (UniqueInstant): the page holds exactly these two.
  auto body = NewEvent("Window " + token_);
  body["starts_at"] = UniqueInstant(10);
  body["ends_at"] = UniqueInstant(12);
  body["registration"] = {{"mode", "open"}};
  const std::string draft = Create(admin_, body)["id"];
  const std::string shown = Create(admin_, body)["id"];
  ASSERT_EQ(Verb(admin_, shown, "publish").status, 200);
  const std::string window = "/v1/events?from=" + UniqueInstant(10) + "&to=" + UniqueInstant(11);
  auto ids = [&](const std::string& who) {
    auto r = As(who, "GET", window);
    EXPECT_EQ(r.status, 200) << r.body;
    std::set<std::string> out;
    const json page = Parse(r);  // kept: a loop over a temporary's member would dangle
    for (const auto& e : page["items"]) out.insert(e["id"].get<std::string>());
    return out;
  };
  EXPECT_EQ(ids(""), std::set<std::string>{shown});
  EXPECT_EQ(ids(member_), std::set<std::string>{shown});
  EXPECT_EQ(ids(coordinator_ba_), std::set<std::string>{shown});
  EXPECT_EQ(ids(coordinator_rs_), (std::set<std::string>{draft, shown}));
  EXPECT_EQ(ids(admin_), (std::set<std::string>{draft, shown}));
}

TEST_F(EventsE2eTest, SessionsLieInsideTheEventAndAreListedByStart) {
  const auto e = Create(admin_, NewEvent("Agenda " + token_));
  const std::string id = e["id"];
  const std::string path = "/v1/events/" + id + "/sessions";
  auto session = [&](const std::string& title, const std::string& starts, const std::string& ends) {
    return json{{"title", {{"en", title}}},
                {"starts_at", starts},
                {"ends_at", ends},
                {"speakers", {{{"name", "Ana Marković"}, {"organization", "UNICEF"}}}}};
  };
  auto second = As(admin_, "POST", path,
                   session("Panel", "2031-10-21T09:00:00Z", "2031-10-21T11:00:00Z").dump());
  ASSERT_EQ(second.status, 201) << second.body;
  auto first = As(admin_, "POST", path,
                  session("Opening", "2031-10-20T07:00:00Z", "2031-10-20T08:00:00Z").dump());
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(Parse(first)["event_id"], id);
  EXPECT_EQ(Parse(first)["speakers"][0]["organization"], "UNICEF");
  ExpectProblem(As(admin_, "POST", path,
                   session("Late", "2031-10-22T14:00:00Z", "2031-10-22T16:00:00Z").dump()),
                422, "ends_at");
  ExpectProblem(As(member_, "POST", path,
                   session("Mine", "2031-10-20T09:00:00Z", "2031-10-20T10:00:00Z").dump()),
                403);
  // A draft's agenda is as hidden as the draft.
  EXPECT_EQ(As("", "GET", path).status, 404);
  ASSERT_EQ(Verb(admin_, id, "publish").status, 200);
  auto listed = As("", "GET", path);
  ASSERT_EQ(listed.status, 200) << listed.body;
  const auto items = Parse(listed)["items"];
  ASSERT_EQ(items.size(), 2u) << listed.body;
  EXPECT_EQ(items[0]["title"]["en"], "Opening");
  EXPECT_EQ(items[1]["title"]["en"], "Panel");
  // A reschedule that would leave a session outside is 422 on the moved end.
  auto shrink =
      As(admin_, "PATCH", "/v1/events/" + id, json{{"ends_at", "2031-10-21T10:00:00Z"}}.dump());
  ExpectProblem(shrink, 422, "ends_at");
}

TEST_F(EventsE2eTest, TheCalendarIsReadByIcalJs) {
  auto tricky = NewEvent("Hearing; Belgrade, \"" + token_ + "\"", "ME");
  tricky["kind"] = "public_hearing";
  tricky["description"] = {
      {"en", "Line one\nLine two; with, punctuation \\ and a long tail: " + std::string(40, 'x') +
                 " Ђорђе Њежић Šćepan Žižić čćđšž " + std::string(30, 'y')}};
  const auto published = Create(admin_, tricky);
  const std::string published_id = published["id"];
  ASSERT_EQ(Verb(admin_, published_id, "publish").status, 200);
  auto cancelled_body = NewEvent("Cancelled " + token_, "ME");
  cancelled_body["kind"] = "public_hearing";
  const std::string cancelled_id = Create(admin_, cancelled_body)["id"];
  ASSERT_EQ(Verb(admin_, cancelled_id, "publish").status, 200);
  ASSERT_EQ(Verb(admin_, cancelled_id, "cancel").status, 200);
  auto draft_body = NewEvent("Draft " + token_, "ME");
  draft_body["kind"] = "public_hearing";
  const std::string draft_id = Create(admin_, draft_body)["id"];

  auto r = As("", "GET", "/v1/calendar.ics?country=ME&kind=public_hearing");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(r.body.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  for (size_t i = 0; i < r.body.size(); ++i) {
    if (r.body[i] == '\n') {
      ASSERT_EQ(r.body[i - 1], '\r') << "a bare LF at " << i;
    }
  }
  for (size_t start = 0; start < r.body.size();) {
    const size_t end = r.body.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 75u) << r.body.substr(start, end - start);
    start = end + 2;
  }

  // Clients apply updates by SEQUENCE: version - 1 (published: version 2).
  EXPECT_NE(r.body.find("SEQUENCE:1\r\n"), std::string::npos);
  const json cal = ParsedByIcalJs(r.body);
  ASSERT_TRUE(cal.is_object()) << r.body;
  EXPECT_EQ(cal["version"], "2.0");
  EXPECT_FALSE(cal["prodid"].get<std::string>().empty());
  json mine, gone;
  for (const auto& e : cal["events"]) {
    EXPECT_NE(e["uid"], draft_id + "@iris") << "a draft in the feed";
    if (e["uid"] == published_id + "@iris") mine = e;
    if (e["uid"] == cancelled_id + "@iris") gone = e;
  }
  ASSERT_TRUE(mine.is_object()) << r.body;
  EXPECT_EQ(mine["summary"], "Hearing; Belgrade, \"" + token_ + "\"");
  EXPECT_EQ(mine["description"], tricky["description"]["en"]);
  EXPECT_EQ(mine["location"], "Hotel Moskva, Belgrade, ME");
  EXPECT_EQ(mine["url"], "https://meet.example.org/peer-review");
  EXPECT_EQ(mine["start"], "2031-10-20T07:00:00.000Z");
  EXPECT_EQ(mine["end"], "2031-10-22T15:00:00.000Z");
  EXPECT_EQ(mine["start_is_utc"], true);
  EXPECT_EQ(mine["status"], "CONFIRMED");
  ASSERT_TRUE(gone.is_object()) << r.body;
  EXPECT_EQ(gone["status"], "CANCELLED");
  ExpectProblem(As("", "GET", "/v1/calendar.ics?kind=party"), 400);
  ExpectProblem(As("", "GET", "/v1/calendar.ics?from=2030-01-01"), 400);
}

}  // namespace
}  // namespace iris::testing
