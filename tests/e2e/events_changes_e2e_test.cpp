// Events through the gateway, where they meet registrations: the places ride in the ETag (a
// registration changes it, never If-Match's precondition); a read registration window goes back
// unchanged, the mode is fixed once anyone registered, instants are years 1900..9999; and an
// event ending at local midnight has no day after it (attendance refused, certificate earned).
#include "tests/e2e/events_suite.hpp"

namespace iris::testing {
namespace {

TEST_F(EventsE2eTest, PlacesChangeTheEtagButNotIfMatch) {
  auto body = NewEvent("Places " + token_);
  body["audience"] = "public";
  body["capacity"] = 2;
  body["registration"] = {{"mode", "open"}};
  const std::string id = Create(admin_, body)["id"];
  ASSERT_EQ(Verb(admin_, id, "publish").status, 200);
  const std::string path = "/v1/events/" + id;
  const auto before = As("", "GET", path);
  ASSERT_EQ(before.status, 200) << before.body;
  const std::string tag = before.Header("etag");
  EXPECT_EQ(As("", "GET", path, "", {{"If-None-Match", tag}}).status, 304);

  auto registered =
      As("", "POST", path + "/registrations",
         json{{"person", {{"name", "Ana"}, {"email", "ana." + token_ + "@example.org"}}}}.dump());
  ASSERT_EQ(registered.status, 201) << registered.body;
  const auto after = As("", "GET", path);
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(Parse(after)["places"]["taken"], 1);
  EXPECT_EQ(Parse(after)["version"], Parse(before)["version"]);
  EXPECT_NE(after.Header("etag"), tag) << "a cached copy would show the old places";
  EXPECT_EQ(As("", "GET", path, "", {{"If-None-Match", tag}}).status, 200);
  // If-Match compares the version only: someone registering does not make a PATCH stale.
  auto patched = As(admin_, "PATCH", path, json{{"capacity", 3}}.dump(), {{"If-Match", tag}});
  EXPECT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.Header("etag").rfind(
                "\"" + std::to_string(Parse(patched).value("version", 0)) + ".", 0),
            0u);
}

TEST_F(EventsE2eTest, AReadRegistrationObjectGoesBackAndInstantsAreYears1900To9999) {
  auto body = NewEvent("Round trip " + token_);
  body["audience"] = "public";
  body["registration"] = {{"mode", "open"}, {"closes_at", "2031-10-14T10:00:00Z"}};
  const std::string id = Create(admin_, body)["id"];
  const std::string path = "/v1/events/" + id;
  const auto read = Parse(As(admin_, "GET", path));
  ASSERT_EQ(read["registration"]["closes_on"], "2031-10-14");
  // The object as read (closes_at and closes_on agreeing) is accepted unchanged.
  auto same = As(admin_, "PATCH", path, json{{"registration", read["registration"]}}.dump());
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(Parse(same)["registration"], read["registration"]);
  auto disagreeing = read["registration"];
  disagreeing["closes_on"] = "2031-10-13";
  ExpectProblem(As(admin_, "PATCH", path, json{{"registration", disagreeing}}.dump()), 422,
                "registration.closes_on");
  // Without a mode the stored one stays; once someone registered, the mode is fixed.
  auto application =
      As(admin_, "PATCH", path, json{{"registration", {{"mode", "application"}}}}.dump());
  ASSERT_EQ(application.status, 200) << application.body;
  auto no_mode =
      As(admin_, "PATCH", path, json{{"registration", {{"closes_on", "2031-10-15"}}}}.dump());
  ASSERT_EQ(no_mode.status, 200) << no_mode.body;
  EXPECT_EQ(Parse(no_mode)["registration"]["mode"], "application");
  ASSERT_EQ(Verb(admin_, id, "publish").status, 200);
  auto registered =
      As("", "POST", path + "/registrations",
         json{{"person", {{"name", "Ana"}, {"email", "rt." + token_ + "@example.org"}}}}.dump());
  ASSERT_EQ(registered.status, 201) << registered.body;
  auto fixed = As(admin_, "PATCH", path, json{{"registration", {{"mode", "open"}}}}.dump());
  EXPECT_EQ(fixed.status, 409) << fixed.body;
  EXPECT_EQ(Type(fixed), "/problems/invalid_transition");

  ExpectProblem(As("", "GET", "/v1/events?from=0001-01-01T00:00:00Z"), 400);
  ExpectProblem(As("", "GET", "/v1/events?to=1899-12-31T23:59:59Z"), 400);
  auto ancient = NewEvent("Ancient " + token_);
  ancient["starts_at"] = "0001-01-01T00:00:00Z";
  ancient["registration"]["opens_at"] = "1899-12-31T23:59:59Z";
  auto refused = As(admin_, "POST", "/v1/events", ancient.dump());
  ExpectProblem(refused, 422);
  for (const char* field : {"starts_at", "registration.opens_at"}) {
    EXPECT_TRUE(FieldsOf(refused).count(field)) << field << " not in " << refused.body;
  }
}

TEST_F(EventsE2eTest, AnEventEndingAtLocalMidnightHasNoExtraDay) {
  // 09:00 on 10 March 2032 to 00:00 on 12 March in Belgrade (UTC+1): the 10th and the 11th.
  auto body = NewEvent("Midnight " + token_);
  body["audience"] = "public";
  body["starts_at"] = "2032-03-10T08:00:00Z";
  body["ends_at"] = "2032-03-11T23:00:00Z";
  body["registration"] = {{"mode", "open"}};
  const std::string id = Create(admin_, body)["id"];
  ASSERT_EQ(Verb(admin_, id, "publish").status, 200);
  auto registered =
      As("", "POST", "/v1/events/" + id + "/registrations",
         json{{"person", {{"name", "Ana"}, {"email", "mn." + token_ + "@example.org"}}}}.dump());
  ASSERT_EQ(registered.status, 201) << registered.body;
  const std::string registration = Parse(registered)["id"];
  auto attend = [&](const std::string& date) {
    return As(admin_, "POST", "/v1/registrations/" + registration + "/attendance",
              json{{"date", date}}.dump());
  };
  // Held ten years earlier instead (staff reschedule; UTC+1 then too), so its days have begun
  // and it has ended.
  auto moved =
      As(admin_, "PATCH", "/v1/events/" + id,
         json{{"starts_at", "2022-03-10T08:00:00Z"}, {"ends_at", "2022-03-11T23:00:00Z"}}.dump());
  ASSERT_EQ(moved.status, 200) << moved.body;
  ExpectProblem(attend("2022-03-12"), 422, "date");  // no such day of the event
  ASSERT_EQ(attend("2022-03-10").status, 200);
  ASSERT_EQ(attend("2022-03-11").status, 200);
  ASSERT_EQ(Verb(admin_, id, "complete").status, 200);
  const auto r = Parse(As(admin_, "GET", "/v1/registrations/" + registration));
  ASSERT_TRUE(r["certificate_code"].is_string()) << "every real day attended: " << r;
  const auto c =
      Parse(As("", "GET", "/v1/certificates/" + r["certificate_code"].get<std::string>()));
  EXPECT_EQ(c.value("starts_on", ""), "2022-03-10");
  EXPECT_EQ(c.value("ends_on", ""), "2022-03-11");
}

}  // namespace
}  // namespace iris::testing
