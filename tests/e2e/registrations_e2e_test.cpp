// Registrations through the gateway: parallel registrations never pass an event's capacity
// (exactly C confirmed of N > C), parallel selections neither, a cancellation promotes the
// first waitlisted, registering after the window is 409, a member reading another
// organisation's registration is 404, anonymous callers register for public events only, and
// attendance on the event's local days earns a certificate anyone can verify once the event is
// completed.
#include <gtest/gtest.h>

#include <cctype>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/e2e/api_client.hpp"
#include "tests/e2e/e2e_suite.hpp"
#include "tests/e2e/system.hpp"
#include "tests/support/http_client.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;

constexpr int kParallel = 10;

class RegistrationsE2eTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    Start("Registrations");
    other_org_ = CreateOrg("Registrations other " + token_, "RS");
    member_ = SignedIn("member", {{"organization_id", org_}}, "rm");
    other_ = SignedIn("member", {{"organization_id", other_org_}}, "ro");
    coordinator_ = SignedIn("national_coordinator", {{"country", "RS"}}, "rc");
  }
  static void TearDownTestSuite() { Stop(); }

  static json Parse(const HttpResult& r) { return json::parse(r.body, nullptr, false); }
  static std::string Type(const HttpResult& r) { return Parse(r).value("type", ""); }

  // A published RS training online from 2031-06-01 09:00 to 2031-06-02 17:00 in Belgrade (two
  // local days), with `changes` merged into the body; its id.
  static std::string PublishedEvent(const json& changes = json::object()) {
    json body = {{"kind", "training"},
                 {"title", {{"en", "Case management " + token_}}},
                 {"format", "online"},
                 {"online_url", "https://meet.example.org/iris-case-management"},
                 {"starts_at", "2031-06-01T07:00:00Z"},
                 {"ends_at", "2031-06-02T15:00:00Z"},
                 {"timezone", "Europe/Belgrade"},
                 {"country", "RS"},
                 {"certificate_threshold", 50}};
    body.merge_patch(changes);
    auto created = As(admin_, "POST", "/v1/events", body.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    const std::string id = Parse(created).value("id", "");
    auto published = As(admin_, "POST", "/v1/events/" + id + "/publish");
    EXPECT_EQ(published.status, 200) << published.body;
    return id;
  }

  static HttpResult Register(const std::string& who, const std::string& event,
                             const std::string& email, const json& extra = json::object()) {
    json body = {{"person", {{"name", "Marko Petrović"}, {"email", email}}}};
    body.merge_patch(extra);
    return As(who, "POST", "/v1/events/" + event + "/registrations", body.dump());
  }
  static std::string Email(const std::string& tag) { return tag + "." + token_ + "@example.org"; }

  // Registers and answers its id (a test failure when refused).
  static std::string Registered(const std::string& who, const std::string& event,
                                const std::string& email) {
    auto r = Register(who, event, email);
    EXPECT_EQ(r.status, 201) << r.body;
    return Parse(r).value("id", "");
  }

  // `act(i)` for i in [0, kParallel) at once, each on its own thread.
  template <typename Act>
  static std::vector<HttpResult> Parallel(Act act) {
    std::vector<HttpResult> results(kParallel);
    std::latch start(kParallel);
    std::vector<std::thread> threads;
    for (int i = 0; i < kParallel; ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        results[i] = act(i);
      });
    }
    for (auto& t : threads) t.join();
    return results;
  }

  static json Places(const std::string& event) {
    auto r = As(admin_, "GET", "/v1/events/" + event);
    EXPECT_EQ(r.status, 200) << r.body;
    return Parse(r).value("places", json::object());
  }

  static inline std::string other_org_, member_, other_, coordinator_;
};

TEST_F(RegistrationsE2eTest, ParallelRegistrationsConfirmExactlyTheCapacity) {
  const auto event = PublishedEvent({{"capacity", 3}});
  auto results = Parallel(
      [&](int i) { return Register(member_, event, Email("parallel" + std::to_string(i))); });
  int confirmed = 0, waitlisted = 0;
  for (const auto& r : results) {
    ASSERT_EQ(r.status, 201) << r.body;
    const auto status = Parse(r).value("status", "");
    if (status == "confirmed") ++confirmed;
    if (status == "waitlisted") ++waitlisted;
    EXPECT_EQ(r.Header("location"), "/v1/registrations/" + Parse(r).value("id", ""));
  }
  EXPECT_EQ(confirmed, 3);
  EXPECT_EQ(waitlisted, kParallel - 3);
  const auto places = Places(event);
  EXPECT_EQ(places.value("taken", -1), 3) << places;
  EXPECT_EQ(places.value("waitlisted", -1), kParallel - 3) << places;

  auto listed = As(admin_, "GET", "/v1/events/" + event + "/registrations?status=confirmed");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(Parse(listed)["items"].size(), 3u);
}

TEST_F(RegistrationsE2eTest, ParallelSelectionsNeverPassTheCapacity) {
  const auto event = PublishedEvent({{"capacity", 2}, {"registration", {{"mode", "application"}}}});
  std::vector<std::string> ids;
  for (int i = 0; i < kParallel; ++i) {
    auto r = Register(member_, event, Email("applicant" + std::to_string(i)),
                      {{"motivation", "I run our counselling line."}});
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(Parse(r).value("status", ""), "submitted");
    ids.push_back(Parse(r).value("id", ""));
  }
  // Members do not select.
  EXPECT_EQ(As(member_, "POST", "/v1/registrations/" + ids[0] + "/select").status, 403);
  auto results = Parallel(
      [&](int i) { return As(coordinator_, "POST", "/v1/registrations/" + ids[i] + "/select"); });
  int selected = 0;
  for (const auto& r : results) {
    if (r.status == 200) {
      ++selected;
      EXPECT_EQ(Parse(r).value("status", ""), "selected");
    } else {
      EXPECT_EQ(r.status, 409) << r.body;
      EXPECT_EQ(Type(r), "/problems/over_capacity") << r.body;
    }
  }
  EXPECT_EQ(selected, 2);
  EXPECT_EQ(Places(event).value("taken", -1), 2);
}

TEST_F(RegistrationsE2eTest, ACancellationPromotesTheFirstWaitlisted) {
  const auto event = PublishedEvent({{"capacity", 1}});
  const auto first = Registered(member_, event, Email("first"));
  const auto second = Registered(member_, event, Email("second"));
  const auto third = Registered(other_, event, Email("third"));
  EXPECT_EQ(Parse(As(member_, "GET", "/v1/registrations/" + second)).value("status", ""),
            "waitlisted");
  auto cancelled = As(member_, "POST", "/v1/registrations/" + first + "/cancel",
                      json{{"note", "Cannot travel."}}.dump(), {{"If-Match", "\"1\""}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(Parse(cancelled).value("status", ""), "cancelled");
  EXPECT_EQ(Parse(As(member_, "GET", "/v1/registrations/" + second)).value("status", ""),
            "confirmed");
  EXPECT_EQ(Parse(As(other_, "GET", "/v1/registrations/" + third)).value("status", ""),
            "waitlisted");
  // Cancelled once; the second time there is nothing to cancel.
  auto again = As(member_, "POST", "/v1/registrations/" + first + "/cancel");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(Type(again), "/problems/invalid_transition");
}

TEST_F(RegistrationsE2eTest, TheWindowAndThePublicationAreChecked) {
  const auto closed = PublishedEvent({{"registration", {{"closes_at", "2026-01-01T00:00:00Z"}}}});
  auto late = Register(member_, closed, Email("late"));
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(Type(late), "/problems/registration_closed");

  const auto open = PublishedEvent();
  EXPECT_EQ(Register(member_, open, Email("twice")).status, 201);
  auto twice = Register(member_, open, Email("twice"));
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(Type(twice), "/problems/already_registered");

  auto not_mine = Register(member_, open, Email("elsewhere"), {{"organization_id", other_org_}});
  EXPECT_EQ(not_mine.status, 403) << not_mine.body;
  ExpectProblem(Register(member_, open, "not-an-email"), 422, "person.email");
}

TEST_F(RegistrationsE2eTest, AnonymousCallersRegisterForPublicEventsOnly) {
  const auto members_only = PublishedEvent();
  EXPECT_EQ(Register("", members_only, Email("anon-members")).status, 401);
  const auto open_to_all = PublishedEvent({{"audience", "public"}});
  auto r = Register("", open_to_all, Email("anon-public"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Parse(r).value("status", ""), "confirmed");
  // The answer was the receipt: nobody but staff reads it afterwards.
  const std::string id = Parse(r).value("id", "");
  EXPECT_EQ(As("", "GET", "/v1/registrations/" + id).status, 401);
  EXPECT_EQ(As(member_, "GET", "/v1/registrations/" + id).status, 404);
  EXPECT_EQ(As(admin_, "GET", "/v1/registrations/" + id).status, 200);
  // Only a member of the organisation or staff registers for an organisation: an anonymous
  // caller cannot claim one, known or not (and learns nothing of it).
  auto with_org = Register("", open_to_all, Email("anon-org"), {{"organization_id", org_}});
  ExpectProblem(with_org, 422, "organization_id");
  EXPECT_NE(with_org.body.find("only a member of the organisation or staff registers for an "
                               "organisation"),
            std::string::npos)
      << with_org.body;
  ExpectProblem(Register("", open_to_all, Email("anon-bad-org"),
                         {{"organization_id", "00000000-0000-4000-8000-000000000000"}}),
                422, "organization_id");
  auto staff_for_org =
      Register(admin_, open_to_all, Email("staff-org"), {{"organization_id", org_}});
  ASSERT_EQ(staff_for_org.status, 201) << staff_for_org.body;
  EXPECT_EQ(Parse(staff_for_org).value("organization_id", ""), org_);
}

TEST_F(RegistrationsE2eTest, WhoMayRegisterIsToldBeforeTheWindow) {
  const auto closed = PublishedEvent({{"registration", {{"closes_at", "2026-01-01T00:00:00Z"}}}});
  EXPECT_EQ(Register("", closed, Email("anon-late")).status, 401);
  const auto closed_invited = PublishedEvent(
      {{"audience", "invited"}, {"registration", {{"closes_at", "2026-01-01T00:00:00Z"}}}});
  auto member_late = Register(member_, closed_invited, Email("member-late"));
  EXPECT_EQ(member_late.status, 403) << member_late.body;
  auto staff_late = Register(admin_, closed_invited, Email("staff-late"));
  EXPECT_EQ(staff_late.status, 409) << staff_late.body;
  EXPECT_EQ(Type(staff_late), "/problems/registration_closed");
}

TEST_F(RegistrationsE2eTest, OnlyTheOrganisationAndStaffSeeARegistration) {
  const auto event = PublishedEvent();
  const auto mine = Registered(member_, event, Email("mine"));
  const auto theirs = Registered(other_, event, Email("theirs"));
  EXPECT_EQ(As(member_, "GET", "/v1/registrations/" + mine).status, 200);
  auto foreign = As(member_, "GET", "/v1/registrations/" + theirs);
  EXPECT_EQ(foreign.status, 404) << foreign.body;
  EXPECT_EQ(Type(foreign), "/problems/not_found");
  EXPECT_EQ(As(member_, "POST", "/v1/registrations/" + theirs + "/cancel").status, 404);
  EXPECT_EQ(As(coordinator_, "GET", "/v1/registrations/" + theirs).status, 200);

  auto listed = As(member_, "GET", "/v1/events/" + event + "/registrations");
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(Parse(listed)["items"].size(), 1u);
  EXPECT_EQ(Parse(listed)["items"][0].value("id", ""), mine);
  auto all = As(admin_, "GET", "/v1/events/" + event + "/registrations");
  EXPECT_EQ(Parse(all)["items"].size(), 2u);
}

TEST_F(RegistrationsE2eTest, AttendanceEarnsACertificateAnyoneVerifies) {
  const auto event = PublishedEvent();
  const auto present = Registered(member_, event, Email("present"));
  const auto absent = Registered(member_, event, Email("absent"));
  auto day = [&](const std::string& id, const std::string& date) {
    return As(admin_, "POST", "/v1/registrations/" + id + "/attendance",
              json{{"date", date}}.dump());
  };
  // A day that has not come yet in Belgrade: 422 on date.
  auto future = day(present, "2031-06-01");
  ExpectProblem(future, 422, "date");
  EXPECT_NE(future.body.find("2031-06-01 has not come yet in Europe/Belgrade"), std::string::npos)
      << future.body;
  // Held ten years earlier instead (staff reschedule a published event): its days have begun.
  auto moved =
      As(admin_, "PATCH", "/v1/events/" + event,
         json{{"starts_at", "2021-06-01T07:00:00Z"}, {"ends_at", "2021-06-02T15:00:00Z"}}.dump());
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(As(member_, "POST", "/v1/registrations/" + present + "/attendance",
               json{{"date", "2021-06-01"}}.dump())
                .status,
            403);
  auto first = day(present, "2021-06-01");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(Parse(first)["attended_days"], json({"2021-06-01"}));
  auto again = day(present, "2021-06-01");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(Parse(again).value("version", 0), Parse(first).value("version", -1));
  ExpectProblem(day(present, "2021-06-03"), 422, "date");
  ExpectProblem(day(present, "1 June"), 422, "date");
  ASSERT_EQ(day(present, "2021-06-02").status, 200);

  auto completed = As(admin_, "POST", "/v1/events/" + event + "/complete");
  ASSERT_EQ(completed.status, 200) << completed.body;
  const auto registration = Parse(As(member_, "GET", "/v1/registrations/" + present));
  ASSERT_TRUE(registration["certificate_code"].is_string()) << registration;
  const std::string code = registration["certificate_code"];
  EXPECT_EQ(code.rfind("IRIS-", 0), 0u);
  EXPECT_TRUE(
      Parse(As(member_, "GET", "/v1/registrations/" + absent))["certificate_code"].is_null());

  auto certificate = As("", "GET", "/v1/certificates/" + code);
  ASSERT_EQ(certificate.status, 200) << certificate.body;
  const auto c = Parse(certificate);
  EXPECT_EQ(c, (json{{"code", code},
                     {"participant_name", "Marko Petrović"},
                     {"event_title", {{"en", "Case management " + token_}}},
                     {"starts_on", "2021-06-01"},
                     {"ends_on", "2021-06-02"}}));
  EXPECT_EQ(As("", "GET", "/v1/certificates/IRIS-0000000000000000").status, 404);
  // As people type it: any case finds the certificate, named in the one case codes have.
  std::string typed = code;
  for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto lower = As("", "GET", "/v1/certificates/" + typed);
  ASSERT_EQ(lower.status, 200) << lower.body;
  EXPECT_EQ(Parse(lower).value("code", ""), code);
  // History: a completed event's registrations no longer change.
  auto late = As(member_, "POST", "/v1/registrations/" + present + "/cancel");
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(Type(late), "/problems/invalid_transition");
}

// A gateway with the default anonymous limit of registrations: 10 an hour per address.
class AnonymousRegistrationLimitE2eTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    Start("Anonymous registrations", {{"IRIS_ANONYMOUS_REGISTRATIONS_PER_HOUR", "10"}});
  }
  static void TearDownTestSuite() { Stop(); }
};

TEST_F(AnonymousRegistrationLimitE2eTest, TheEleventhAnonymousRegistrationAnHourIs429) {
  json body = {{"kind", "training"},
               {"title", {{"en", "Open day " + token_}}},
               {"format", "online"},
               {"online_url", "https://meet.example.org/iris-open-day"},
               {"starts_at", "2031-06-01T07:00:00Z"},
               {"ends_at", "2031-06-01T15:00:00Z"},
               {"country", "RS"},
               {"audience", "public"}};
  auto created = As(admin_, "POST", "/v1/events", body.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string event = json::parse(created.body).value("id", "");
  ASSERT_EQ(As(admin_, "POST", "/v1/events/" + event + "/publish").status, 200);
  const std::string path = "/v1/events/" + event + "/registrations";
  auto registration = [&](const std::string& who, int i) {
    return As(who, "POST", path,
              json{{"person",
                    {{"name", "Script " + std::to_string(i)},
                     {"email", "anon" + std::to_string(i) + "." + token_ + "@example.org"}}}}
                  .dump());
  };
  for (int i = 0; i < 10; ++i) {
    auto r = registration("", i);
    ASSERT_EQ(r.status, 201) << i << " " << r.body;
    EXPECT_EQ(r.Header("ratelimit-limit"), "10") << i;
    EXPECT_EQ(r.Header("ratelimit-remaining"), std::to_string(9 - i)) << i;
  }
  auto refused = registration("", 10);
  ExpectProblem(refused, 429);
  EXPECT_NE(refused.body.find("/problems/rate_limited"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("at most 10 an hour"), std::string::npos) << refused.body;
  const int retry_after = std::stoi(refused.Header("retry-after"));
  EXPECT_GE(retry_after, 300);  // one emission interval: an hour / 10
  EXPECT_LE(retry_after, 360);
  EXPECT_EQ(refused.Header("ratelimit-remaining"), "0");
  EXPECT_EQ(refused.Header("ratelimit-limit"), "10");

  // Signed-in callers are not held by it, nor are other anonymous routes.
  const std::string member = SignedIn("member", {{"organization_id", org_}}, "arl");
  for (int i = 11; i < 13; ++i) {
    auto r = registration(member, i);
    EXPECT_EQ(r.status, 201) << r.body;
    EXPECT_NE(r.Header("ratelimit-limit"), "10");
  }
  EXPECT_EQ(As("", "GET", "/v1/events/" + event).status, 200);
  EXPECT_EQ(As(admin_, "GET", path).status, 200);
}

}  // namespace
}  // namespace iris::testing
