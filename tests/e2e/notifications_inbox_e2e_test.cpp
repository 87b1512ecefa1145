// Notifications through the gateway: a person's subscriptions (its role's defaults until it
// chooses; every bad element named in one 422), a membership application submitted and
// approved reaching the country coordinator's inbox once each through every service's relay,
// the unread filter and marking read (only the owner), the change feed (cursor, limit, who may
// read it) and the topics.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_suite.hpp"
#include "tests/support/process.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// Messages travel outbox -> relay -> notifications: allow for retries and slow machines.
constexpr auto kDelivery = 60s;

class NotificationsInboxE2eTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() { Start("Inbox"); }
  static void TearDownTestSuite() { Stop(); }

  static json Body(const HttpResult& r) { return json::parse(r.body, nullptr, false); }

  // Every item of `who`'s inbox about `subject` (all pages), by type.
  static std::map<std::string, std::vector<json>> InboxAbout(const std::string& who,
                                                             const std::string& subject,
                                                             const std::string& filter = "") {
    std::map<std::string, std::vector<json>> out;
    AnyItem(who, "/v1/me/inbox?limit=100" + filter, [&](const json& item) {
      if (item["subject_id"] == subject) out[item["type"]].push_back(item);
      return false;
    });
    return out;
  }

  // The feed's end: a cursor after every change stored so far.
  static std::string FeedEnd(const std::string& who) {
    std::string cursor = "0";
    for (int guard = 0; guard < 10000; ++guard) {
      auto r = As(who, "GET", "/v1/changes?limit=500&after=" + cursor);
      EXPECT_EQ(r.status, 200) << r.body;
      const json page = Body(r);
      if (!page.is_object() || page["items"].empty()) break;
      cursor = page["next_cursor"];
    }
    return cursor;
  }
};

TEST_F(NotificationsInboxE2eTest, SubscriptionsAreTheRolesDefaultsUntilChosen) {
  const auto member = SignedIn("member", {{"organization_id", org_}}, "defaults");
  auto r = As(member, "GET", "/v1/me/subscriptions");
  ASSERT_EQ(r.status, 200) << r.body;
  const json s = Body(r);
  EXPECT_TRUE(s["is_default"].get<bool>());
  EXPECT_TRUE(s["updated_at"].is_null());
  EXPECT_EQ(s["language"], "en");
  EXPECT_EQ(s["channels"], json({"inbox", "email"}));
  EXPECT_NE(std::find(s["topics"].begin(), s["topics"].end(), "grants.call.opened"),
            s["topics"].end())
      << s;
  EXPECT_EQ(s["countries"], json::array());
  ExpectProblem(As("", "GET", "/v1/me/subscriptions"), 401);

  const auto coordinator = SignedIn("national_coordinator", {{"country", "AL"}}, "defaults-al");
  const json own = Body(As(coordinator, "GET", "/v1/me/subscriptions"));
  EXPECT_EQ(own["countries"], json({"AL"})) << own;
}

TEST_F(NotificationsInboxE2eTest, AChoiceIsCheckedWhole) {
  const auto member = SignedIn("member", {{"organization_id", org_}}, "choice");
  const json bad = {{"topics", {"grants.*", "weather.*", "grants.call.opened"}},
                    {"countries", {"RS", "FR"}},
                    {"channels", {"inbox", "sms"}},
                    {"language", "xx"}};
  auto r = As(member, "PUT", "/v1/me/subscriptions", bad.dump());
  ExpectProblem(r, 422);
  EXPECT_EQ(FieldsOf(r),
            (std::set<std::string>{"topics[1]", "countries[1]", "channels[1]", "language"}))
      << r.body;
  // A shape error and rule errors come together too.
  auto mixed = As(member, "PUT", "/v1/me/subscriptions",
                  json{{"topics", "grants.*"}, {"channels", {"fax"}}}.dump());
  ExpectProblem(mixed, 422);
  EXPECT_TRUE(FieldsOf(mixed).contains("topics")) << mixed.body;
  EXPECT_TRUE(FieldsOf(mixed).contains("channels[0]")) << mixed.body;
  // Nothing of a refused choice was kept.
  EXPECT_TRUE(Body(As(member, "GET", "/v1/me/subscriptions"))["is_default"].get<bool>());

  auto none = As(member, "PUT", "/v1/me/subscriptions", json{{"topics", json::array()}}.dump());
  ASSERT_EQ(none.status, 200) << none.body;
  const json stored = Body(As(member, "GET", "/v1/me/subscriptions"));
  EXPECT_FALSE(stored["is_default"].get<bool>());
  EXPECT_EQ(stored["topics"], json::array());
  EXPECT_EQ(stored["language"], "en");
  EXPECT_FALSE(stored["updated_at"].is_null());

  auto chosen = As(member, "PUT", "/v1/me/subscriptions",
                   json{{"topics", {"events.*", "grants.call.opened"}},
                        {"countries", {"BA"}},
                        {"channels", {"inbox"}},
                        {"language", "bs"}}
                       .dump());
  ASSERT_EQ(chosen.status, 200) << chosen.body;
  EXPECT_EQ(Body(chosen)["topics"], json({"events.*", "grants.call.opened"}));
  EXPECT_EQ(Body(chosen)["language"], "bs");
  ExpectProblem(As("", "PUT", "/v1/me/subscriptions", json{{"topics", json::array()}}.dump()), 401);
}

TEST_F(NotificationsInboxE2eTest, AnApprovedApplicationReachesTheCoordinatorOnceAndOnlyItReadsIt) {
  const auto coordinator = SignedIn("national_coordinator", {{"country", "ME"}}, "inbox-me");
  const auto member = SignedIn("member", {{"organization_id", org_}}, "inbox-other");
  // An admin of its own: the bootstrap admin is every suite's (the contract fuzzer changes
  // its subscriptions while other suites run), so its defaults cannot be counted on.
  const auto staff = SignedIn("network_admin", json::object(), "inbox-admin");
  auto submitted = As("", "POST", "/v1/membership-applications",
                      json{{"organization",
                            {{"name", "Zora " + token_},
                             {"country", "ME"},
                             {"city", "Niksic"},
                             {"target_groups", {"roma"}}}},
                           {"contact", {{"name", "Jelena"}, {"email", "jelena@example.org"}}},
                           {"motivation", "Day care for children with disabilities."}}
                          .dump());
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const std::string app = Body(submitted)["id"];
  auto approved = As(admin_, "POST", "/v1/membership-applications/" + app + "/approve",
                     json{{"note", "Welcome"}}.dump());
  ASSERT_EQ(approved.status, 200) << approved.body;

  std::map<std::string, std::vector<json>> items;
  const bool arrived = Eventually(
      [&] {
        items = InboxAbout(coordinator, app);
        return items.count("membership.application.submitted") &&
               items.count("membership.application.approved");
      },
      kDelivery, 200ms);
  ASSERT_TRUE(arrived) << "the relay did not bring both messages within 60 s";
  EXPECT_EQ(items["membership.application.submitted"].size(), 1u);
  EXPECT_EQ(items["membership.application.approved"].size(), 1u);
  const json item = items["membership.application.submitted"][0];
  EXPECT_TRUE(item["read_at"].is_null());
  EXPECT_EQ(item["country"], "ME");
  EXPECT_FALSE(item["data"].contains("email")) << item;
  // The network admin's defaults take submitted applications (not approvals), once.
  std::map<std::string, std::vector<json>> admin_items;
  ASSERT_TRUE(Eventually(
      [&] {
        admin_items = InboxAbout(staff, app);
        return admin_items.count("membership.application.submitted") > 0;
      },
      kDelivery, 200ms));
  EXPECT_EQ(admin_items["membership.application.submitted"].size(), 1u);
  EXPECT_FALSE(admin_items.count("membership.application.approved"));
  // The member of another country's organisation has nothing of it.
  EXPECT_TRUE(InboxAbout(member, app).empty());

  // Unread first; marked read (once: the first read_at stays), then only in the full list.
  EXPECT_EQ(InboxAbout(coordinator, app, "&unread=true").size(), 2u);
  const std::string path = "/v1/me/inbox/" + item["id"].get<std::string>() + "/read";
  ExpectProblem(As(member, "POST", path), 404);
  ExpectProblem(As("", "POST", path), 401);
  ExpectProblem(As(coordinator, "POST", "/v1/me/inbox/not-a-uuid/read"), 404);
  auto read = As(coordinator, "POST", path);
  ASSERT_EQ(read.status, 200) << read.body;
  const json first = Body(read);
  EXPECT_FALSE(first["read_at"].is_null());
  EXPECT_EQ(Body(As(coordinator, "POST", path))["read_at"], first["read_at"]);
  const auto unread = InboxAbout(coordinator, app, "&unread=true");
  EXPECT_FALSE(unread.count("membership.application.submitted"));
  EXPECT_TRUE(unread.count("membership.application.approved"));
  EXPECT_EQ(InboxAbout(coordinator, app, "&unread=false").size(), 2u);
  ExpectProblem(As(coordinator, "GET", "/v1/me/inbox?unread=maybe"), 400, "unread");

  // Pages of one, never repeating an item.
  auto page1 = As(coordinator, "GET", "/v1/me/inbox?limit=1");
  ASSERT_EQ(page1.status, 200) << page1.body;
  const json p1 = Body(page1);
  ASSERT_EQ(p1["items"].size(), 1u);
  ASSERT_FALSE(p1["next_cursor"].is_null());
  const json p2 =
      Body(As(coordinator, "GET",
              "/v1/me/inbox?limit=1&cursor=" + UrlEncode(p1["next_cursor"].get<std::string>())));
  ASSERT_EQ(p2["items"].size(), 1u);
  EXPECT_NE(p1["items"][0]["id"], p2["items"][0]["id"]);
  ExpectProblem(As("", "GET", "/v1/me/inbox"), 401);
}

TEST_F(NotificationsInboxE2eTest, TheChangeFeedResumesFromItsCursorForPartnersAndStaff) {
  const std::string start = FeedEnd(admin_);
  const std::string org = CreateOrg("Feed " + token_, "MK");
  ASSERT_FALSE(org.empty());
  // Walked in pages of 100: every suite writes to this feed, so many items may come first.
  json found;
  std::string cursor = start, before_found;
  const bool listed = Eventually(
      [&] {
        auto r = As(admin_, "GET", "/v1/changes?limit=100&after=" + cursor);
        if (r.status != 200) return false;
        const json page = Body(r);
        if (page["items"].empty()) {
          EXPECT_EQ(page["next_cursor"], cursor);  // never null: where it stood
          return false;
        }
        EXPECT_EQ(page["next_cursor"], page["items"].back()["cursor"]);
        for (const auto& item : page["items"]) {
          if (item["subject_id"] == org) {
            found = item;
            before_found = cursor;
            return true;
          }
          cursor = item["cursor"].get<std::string>();
        }
        return false;
      },
      kDelivery, 100ms);
  ASSERT_TRUE(listed) << "the organisation's creation did not reach the feed within 60 s";
  EXPECT_EQ(found["type"], "membership.organization.created");
  EXPECT_EQ(found.size(), 4u) << found;  // thin: cursor, type, subject_id, occurred_at

  // Resumable from any cursor it gave: the same item again after the one before it, in a page
  // of one whose next cursor is that item's.
  const json again = Body(As(admin_, "GET", "/v1/changes?limit=1&after=" + before_found));
  ASSERT_EQ(again["items"].size(), 1u) << again;
  EXPECT_EQ(again["items"][0], found);
  EXPECT_EQ(again["next_cursor"], found["cursor"]);

  // Partner keys and coordinators read it; members do not; anonymous callers sign in first.
  const auto partner = SignedIn("partner", json::object(), "feed-partner");
  auto key = As(partner, "POST", "/v1/api-keys",
                json{{"name", "CRM " + token_}, {"scopes", {"read"}}}.dump());
  ASSERT_EQ(key.status, 201) << key.body;
  const std::string partner_key = "ApiKey " + Body(key)["key"].get<std::string>();
  EXPECT_EQ(As(partner_key, "GET", "/v1/changes?after=" + start).status, 200);
  const auto coordinator = SignedIn("national_coordinator", {{"country", "MK"}}, "feed-mk");
  EXPECT_EQ(As(coordinator, "GET", "/v1/changes?after=" + start).status, 200);
  const auto member = SignedIn("member", {{"organization_id", org_}}, "feed-member");
  ExpectProblem(As(member, "GET", "/v1/changes"), 403);
  ExpectProblem(As("", "GET", "/v1/changes"), 401);
  for (const char* bad : {"abc", "-1", "1.5", "99999999999999999999"}) {
    ExpectProblem(As(admin_, "GET", std::string("/v1/changes?after=") + bad), 400, "after");
  }
  for (const char* bad : {"0", "501", "ten"}) {
    ExpectProblem(As(admin_, "GET", std::string("/v1/changes?limit=") + bad), 400, "limit");
  }
  ExpectProblem(As(admin_, "GET", "/v1/changes?since=0"), 400);
}

TEST_F(NotificationsInboxE2eTest, TopicsArePublicAndLeaveOutInternalMessages) {
  auto r = As("", "GET", "/v1/topics");
  ASSERT_EQ(r.status, 200) << r.body;
  const json list = Body(r);
  EXPECT_TRUE(list["next_cursor"].is_null());
  bool opened = false;
  for (const auto& t : list["items"]) {
    EXPECT_NE(t["audience"], "internal") << t;
    EXPECT_FALSE(t["topic"].get<std::string>().starts_with("membership.user.")) << t;
    if (t["topic"] == "grants.call.opened") opened = t["audience"] == "public";
  }
  EXPECT_TRUE(opened) << r.body;
}

}  // namespace
}  // namespace iris::testing

namespace iris::testing {
namespace {

// The "done when": a deleted person appears in the change feed as a tombstone — its
// id, the type membership.person.deleted, nothing of the person (a partner's key reads it).
TEST_F(NotificationsInboxE2eTest, AnErasedPersonIsATombstoneInTheFeed) {
  const std::string start = FeedEnd(admin_);
  const std::string name = "Tombstone " + token_;
  const std::string email = "tombstone." + token_ + "@example.org";
  auto created = As(admin_, "POST", "/v1/organizations/" + org_ + "/people",
                    json{{"name", name}, {"email", email}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = Body(created)["id"];
  ASSERT_EQ(As(admin_, "DELETE", "/v1/people/" + id).status, 204);

  const auto partner = SignedIn("partner", json::object(), "tombstone");
  std::vector<json> about;
  ASSERT_TRUE(Eventually(
      [&] {
        about.clear();
        std::string cursor = start;
        for (int pages = 0; pages < 50; ++pages) {
          auto r = As(partner, "GET", "/v1/changes?limit=500&after=" + cursor);
          if (r.status != 200) return false;
          const json page = Body(r);
          for (const auto& item : page["items"]) {
            if (item["subject_id"] == id) about.push_back(item);
          }
          if (page["items"].empty()) break;
          cursor = page["next_cursor"];
        }
        return about.size() == 2;
      },
      kDelivery, 200ms))
      << about.size() << " items about the person";
  EXPECT_EQ(about[0]["type"], "membership.person.created");
  EXPECT_EQ(about[1]["type"], "membership.person.deleted");
  EXPECT_EQ(about[1].size(), 4u) << about[1];  // cursor, type, subject_id, occurred_at
  EXPECT_EQ(about[1].dump().find(email), std::string::npos);
  EXPECT_EQ(about[1].dump().find(name), std::string::npos);
}

}  // namespace
}  // namespace iris::testing
