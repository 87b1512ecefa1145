// Lists as a web page uses them, through the gateway (issue 12, "strict, useful lists"): filters
// repeated as alternatives, every bad filter named in one 400 with the values allowed, `sort`
// on every list with cursors that keep working under it (and only under it), and
// `include=total`. Each suite's organisations carry its own token, found with `q`.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_suite.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;

class ListsE2eTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    Start("Lists");  // org_: "Lists <token>", RS
    for (const auto& [suffix, country, kind] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"delta", "ME", "partner"},
             {"Čačak", "RS", "member_cso"},
             {"alfa", "BA", "member_cso"},
             {"Жабљак", "ME", "media"},
             {"Beta", "HR", "member_cso"}}) {
      auto r =
          As(admin_, "POST", "/v1/organizations",
             json{{"name", "Lists " + token_ + " " + suffix}, {"country", country}, {"kind", kind}}
                 .dump());
      ASSERT_EQ(r.status, 201) << r.body;
    }
  }
  static void TearDownTestSuite() { Stop(); }

  static json Get(const std::string& path_and_query, int expected = 200) {
    auto r = As(admin_, "GET", path_and_query);
    EXPECT_EQ(r.status, expected) << path_and_query << "\n" << r.body;
    return json::parse(r.body, nullptr, false);
  }

  // The names after "Lists <token>" of every page of `query`, walked with next_cursor.
  static std::vector<std::string> Walk(const std::string& query) {
    std::vector<std::string> names;
    std::string cursor;
    for (int guard = 0; guard < 20; ++guard) {
      const json page = Get("/v1/organizations?q=" + token_ + "&limit=2" + query +
                            (cursor.empty() ? "" : "&cursor=" + cursor));
      for (const auto& o : page["items"]) {
        const std::string name = o["name"];
        names.push_back(name.substr(std::string("Lists " + token_).size()));
      }
      if (!page["next_cursor"].is_string()) return names;
      cursor = page["next_cursor"];
    }
    ADD_FAILURE() << "pages never ended";
    return names;
  }
};

TEST_F(ListsE2eTest, ARepeatedFilterListsWhatMatchesAnyOfItsValues) {
  EXPECT_EQ(Walk("&country=BA&country=hr&sort=name"), (std::vector<std::string>{" alfa", " Beta"}));
  EXPECT_EQ(Walk("&kind=media&kind=partner&sort=name"),
            (std::vector<std::string>{" delta", " Жабљак"}));
  // Filters still combine with AND: RS or ME, and a member.
  EXPECT_EQ(Walk("&country=RS&country=ME&kind=member_cso&sort=name"),
            (std::vector<std::string>{"", " Čačak"}));
}

TEST_F(ListsE2eTest, EveryBadFilterValueIsNamedInOneAnswerWithTheValuesAllowed) {
  auto r = As(admin_, "GET",
              "/v1/organizations?country=XX&country=Serbia&country=RS,BA&target_group=kids"
              "&kind=ngo&sort=size");
  ASSERT_EQ(r.status, 400) << r.body;
  const json problem = json::parse(r.body);
  EXPECT_EQ(FieldsOf(r), (std::set<std::string>{"country", "target_group", "kind", "sort"}));
  int countries = 0;
  for (const auto& e : problem["errors"]) {
    const std::string field = e["field"], message = e["message"];
    if (field == "country") {
      ++countries;
      EXPECT_NE(message.find("RS"), std::string::npos) << message;  // the codes allowed
    }
    if (field == "kind") {
      EXPECT_NE(message.find("member_cso"), std::string::npos) << message;
    }
    if (field == "sort") {
      EXPECT_NE(message.find("-name"), std::string::npos) << message;
    }
  }
  EXPECT_EQ(countries, 3) << r.body;
  // The same on the other lists.
  EXPECT_EQ(FieldsOf(As(admin_, "GET", "/v1/services?category=spa&licensing_status=x&sort=name")),
            (std::set<std::string>{"category", "licensing_status", "sort"}));
  EXPECT_EQ(FieldsOf(As(admin_, "GET", "/v1/users?role=boss&country=XX&sort=name")),
            (std::set<std::string>{"role", "country", "sort"}));
  EXPECT_EQ(FieldsOf(As(admin_, "GET", "/v1/membership-applications?status=open&sort=name")),
            (std::set<std::string>{"status", "sort"}));
}

TEST_F(ListsE2eTest, AParameterThatTakesOneValueMayNotBeRepeated) {
  auto r = As(admin_, "GET", "/v1/organizations?limit=1&limit=2&q=a&q=b&country=RS");
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(FieldsOf(r), (std::set<std::string>{"limit", "q"}));
  std::string many = "/v1/organizations?";
  for (int i = 0; i < 51; ++i) many += "country=RS&";
  r = As(admin_, "GET", many);
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(FieldsOf(r), (std::set<std::string>{"country"}));
}

TEST_F(ListsE2eTest, SortedPagesVisitEveryItemOnceInTheirOrder) {
  const std::vector<std::string> by_name = {"", " alfa", " Beta", " Čačak", " delta", " Жабљак"};
  EXPECT_EQ(Walk("&sort=name"), by_name);
  EXPECT_EQ(Walk("&sort=-name"), std::vector<std::string>(by_name.rbegin(), by_name.rend()));
  const std::vector<std::string> by_creation = {"",      " delta",  " Čačak",
                                                " alfa", " Жабљак", " Beta"};
  EXPECT_EQ(Walk(""), by_creation);
  EXPECT_EQ(Walk("&sort=created_at"), by_creation);
  EXPECT_EQ(Walk("&sort=-created_at"),
            std::vector<std::string>(by_creation.rbegin(), by_creation.rend()));
  EXPECT_EQ(Walk("&sort=updated_at").size(), 6u);
}

TEST_F(ListsE2eTest, ACursorWorksOnlyWithTheSortItWasIssuedFor) {
  const json first = Get("/v1/organizations?q=" + token_ + "&limit=2&sort=name");
  ASSERT_TRUE(first["next_cursor"].is_string());
  const std::string cursor = first["next_cursor"];
  Get("/v1/organizations?q=" + token_ + "&limit=2&sort=name&cursor=" + cursor);
  for (const std::string other : {"", "&sort=-name", "&sort=created_at", "&sort=updated_at"}) {
    auto r =
        As(admin_, "GET", "/v1/organizations?q=" + token_ + "&limit=2&cursor=" + cursor + other);
    EXPECT_EQ(r.status, 400) << other << " " << r.body;
    EXPECT_EQ(FieldsOf(r), std::set<std::string>{"cursor"}) << other;
  }
}

TEST_F(ListsE2eTest, TheDefaultOrderIsCreatedAtAndSharesItsCursors) {
  const json first = Get("/v1/organizations?q=" + token_ + "&limit=2");
  ASSERT_TRUE(first["next_cursor"].is_string());
  const std::string cursor = first["next_cursor"];
  const json next =
      Get("/v1/organizations?q=" + token_ + "&limit=2&sort=created_at&cursor=" + cursor);
  EXPECT_EQ(next["items"].size(), 2u);
}

TEST_F(ListsE2eTest, AFilterValueIsEchoedAsSentOnceAndCutAtACharacter) {
  // 36 a, then ččč: 42 bytes, cut to 40 with "...", which would split the first č.
  const std::string long_value = std::string(36, 'a') + "%C4%8D%C4%8D%C4%8D";
  auto r =
      As(admin_, "GET", "/v1/organizations?country=Serbia&country=Serbia&status=" + long_value);
  ASSERT_EQ(r.status, 400) << r.body;
  const json problem = json::parse(r.body);
  ASSERT_EQ(problem["errors"].size(), 2u) << r.body;
  for (const auto& e : problem["errors"]) {
    const std::string message = e["message"];
    if (e["field"] == "country") {
      EXPECT_EQ(message.find("\"Serbia\""), 0u) << message;
    }
    if (e["field"] == "status") {
      EXPECT_EQ(message.find("\"" + std::string(36, 'a') + "...\""), 0u) << message;
    }
  }
}

TEST_F(ListsE2eTest, IncludeTotalCountsEveryMatchNotJustThePage) {
  json page = Get("/v1/organizations?q=" + token_ + "&limit=2&include=total");
  EXPECT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["total"], 6);
  EXPECT_EQ(page["total_exact"], true);
  page = Get("/v1/organizations?q=" + token_ + "&country=RS&country=BA&include=total&sort=-name");
  EXPECT_EQ(page["total"], 3);
  page = Get("/v1/organizations?q=" + token_);
  EXPECT_FALSE(page.contains("total")) << "only when asked";
  auto r = As(admin_, "GET", "/v1/organizations?include=count");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(FieldsOf(r), std::set<std::string>{"include"});
  // Every paged list counts.
  for (const std::string& path : std::vector<std::string>{
           "/v1/services?include=total&sort=licence_valid_until&country=RS&country=BA",
           "/v1/users?include=total&sort=-email&role=network_admin&role=member",
           "/v1/membership-applications?include=total&sort=-updated_at&status=submitted",
           "/v1/organizations/" + org_ + "/people?include=total&sort=name",
           "/v1/organizations/" + org_ + "/services?include=total&sort=-organization_name"}) {
    page = Get(path);
    EXPECT_TRUE(page["total"].is_number_integer()) << path << page.dump();
    EXPECT_EQ(page["total_exact"], true) << path;
  }
}

}  // namespace
}  // namespace iris::testing
