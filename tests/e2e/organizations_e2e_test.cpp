// Organisations through the gateway: the public directory (lists, filters, folded search,
// signed cursors, ETags) and staff writes with a network admin's token.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <random>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/e2e/api_client.hpp"
#include "tests/e2e/system.hpp"
#include "tests/support/http_client.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;

// Letters only: folds to itself, and no other suite's rows contain it.
class OrganizationsE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    system_ = new System();
    token_ = UniqueToken();
    admin_ = ApiClient(*system_).AdminAuthorization();
    ASSERT_FALSE(admin_.empty());
    cacak_ = Create({{"name", "Udruženje građana " + token_},
                     {"city", "Čačak"},
                     {"country", "RS"},
                     {"kind", "member_cso"},
                     {"target_groups", {"roma"}}});
    Create({{"name", token_ + " Partner"},
            {"city", "Sarajevo"},
            {"country", "BA"},
            {"kind", "partner"}});
    for (int i = 0; i < 3; ++i) {
      Create(
          {{"name", token_ + " Page " + std::to_string(i)}, {"country", "ME"}, {"kind", "media"}});
    }
    hidden_ = Create({{"name", token_ + " Hidden"}, {"country", "RS"}, {"kind", "member_cso"}});
    auto s = Send("POST", "/v1/organizations/" + hidden_["id"].get<std::string>() + "/suspend",
                  json{{"note", "audit pending"}}.dump(), true);
    ASSERT_EQ(s.status, 200) << s.body;
  }
  static void TearDownTestSuite() {
    delete system_;
    system_ = nullptr;
  }

  static HttpResult Send(const std::string& method, const std::string& path,
                         const std::string& body = "", bool as_admin = false,
                         Headers headers = {}) {
    if (!body.empty()) headers.push_back({"Content-Type", "application/json"});
    if (as_admin) headers.push_back({"Authorization", admin_});
    return HttpRequest(method, system_->Url(path), body, headers);
  }
  static HttpResult SendAs(const std::string& authorization, const std::string& method,
                           const std::string& path, const std::string& body = "") {
    Headers headers{{"Authorization", authorization}};
    if (!body.empty()) headers.push_back({"Content-Type", "application/json"});
    return HttpRequest(method, system_->Url(path), body, headers);
  }
  // A user created by the admin (extra: organization_id or country), signed in: "Bearer ...".
  static std::string SignedIn(const std::string& role, const json& extra) {
    return ApiClient(*system_).CreateUserAndSignIn(admin_, role, extra, token_);
  }
  static json Create(const json& org) {
    auto r = Send("POST", "/v1/organizations", org.dump(), true);
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body, nullptr, false);
  }
  static json Items(const std::string& query) {
    auto r = Send("GET", "/v1/organizations?" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return json::parse(r.body, nullptr, false)["items"];
  }
  static void ExpectProblem(const HttpResult& r, long status, const std::string& field = "") {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.Header("content-type"), "application/problem+json");
    auto body = json::parse(r.body, nullptr, false);
    ASSERT_FALSE(body.is_discarded()) << r.body;
    EXPECT_EQ(body["instance"], "urn:request:" + r.Header("x-request-id"));
    if (!field.empty()) {
      std::set<std::string> fields;
      for (const auto& e : body.value("errors", json::array())) fields.insert(e["field"]);
      EXPECT_TRUE(fields.count(field)) << field << " not in " << r.body;
    }
  }

  static System* system_;
  static std::string token_, admin_;
  static json cacak_, hidden_;
};
System* OrganizationsE2eTest::system_ = nullptr;
std::string OrganizationsE2eTest::token_, OrganizationsE2eTest::admin_;
json OrganizationsE2eTest::cacak_, OrganizationsE2eTest::hidden_;

TEST_F(OrganizationsE2eTest, AnonymousDirectoryPagesThroughActiveOrganisationsOnly) {
  std::vector<std::string> names;
  std::string next = "first";
  for (int guard = 0; guard < 10 && !next.empty(); ++guard) {
    std::string q = "q=" + token_ + "&limit=2";
    if (next != "first") q += "&cursor=" + UrlEncode(next);
    auto r = Send("GET", "/v1/organizations?" + q);
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = json::parse(r.body);
    EXPECT_LE(body["items"].size(), 2u);
    for (const auto& o : body["items"]) {
      EXPECT_EQ(o["status"], "active");
      names.push_back(o["name"]);
    }
    next = body["next_cursor"].is_null() ? "" : body["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(names.size(), 5u) << "five active, the suspended one hidden";
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
}

TEST_F(OrganizationsE2eTest, FiltersCombineWithSearch) {
  EXPECT_EQ(Items("q=" + token_ + "&country=BA").size(), 1u);
  EXPECT_EQ(Items("q=" + token_ + "&country=ba&kind=partner").size(), 1u);
  EXPECT_EQ(Items("q=" + token_ + "&kind=media").size(), 3u);
  EXPECT_EQ(Items("q=" + token_ + "&target_group=roma").size(), 1u);
  EXPECT_EQ(Items("q=" + token_ + "&status=suspended").size(), 0u) << "not for anonymous";
}

TEST_F(OrganizationsE2eTest, SearchIgnoresCaseDiacriticsAndScript) {
  for (const std::string& q :
       {"Удружење " + token_, "cacak " + token_, "GRADJANA " + token_, "Чачак " + token_}) {
    auto items = Items("q=" + UrlEncode(q));
    ASSERT_EQ(items.size(), 1u) << q;
    EXPECT_EQ(items[0]["id"], cacak_["id"]);
  }
  EXPECT_EQ(Items("q=" + UrlEncode("cacak sarajevo " + token_)).size(), 0u);
}

TEST_F(OrganizationsE2eTest, SingleOrganisationHasAnEtagAndAnswers304) {
  const std::string path = "/v1/organizations/" + cacak_["id"].get<std::string>();
  auto r = Send("GET", path);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("etag"), "\"1\"");
  auto body = json::parse(r.body);
  EXPECT_EQ(body["city"], "Čačak");
  EXPECT_EQ(body["kind"], "member_cso");
  EXPECT_EQ(body["joined_at"].get<std::string>().size(), 10u);
  auto again = Send("GET", path, "", false, {{"If-None-Match", "\"1\""}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST_F(OrganizationsE2eTest, HiddenAndUnknownOrganisationsAre404) {
  ExpectProblem(Send("GET", "/v1/organizations/" + hidden_["id"].get<std::string>()), 404);
  ExpectProblem(Send("GET", "/v1/organizations/abc"), 404);
  EXPECT_EQ(Send("GET", "/v1/organizations/" + hidden_["id"].get<std::string>(), "", true).status,
            200)
      << "the admin sees it";
}

TEST_F(OrganizationsE2eTest, BadCursorsLimitsAndFilterValuesAre400) {
  ExpectProblem(Send("GET", "/v1/organizations?cursor=not-a-cursor"), 400, "cursor");
  ExpectProblem(Send("GET", "/v1/organizations?limit=0"), 400, "limit");
  ExpectProblem(Send("GET", "/v1/organizations?limit=201"), 400, "limit");
  ExpectProblem(Send("GET", "/v1/organizations?status=dormant"), 400, "status");
  // Regression: unknown codes were an empty list, indistinguishable from "nothing matches".
  ExpectProblem(Send("GET", "/v1/organizations?country=XX"), 400, "country");
  ExpectProblem(Send("GET", "/v1/organizations?country=" + std::string(300, 'A')), 400, "country");
  ExpectProblem(Send("GET", "/v1/organizations?target_group=martians"), 400, "target_group");
  ExpectProblem(Send("GET", "/v1/services?country=XX"), 400, "country");
  ExpectProblem(Send("GET", "/v1/services?target_group=martians"), 400, "target_group");
  // Regression (contract fuzzer): an empty filter was silently "no filter".
  ExpectProblem(Send("GET", "/v1/organizations?country="), 400, "country");
  ExpectProblem(Send("GET", "/v1/services?category="), 400, "category");
  // Regression (issue 12): unknown parameters were ignored (`contry` listed every country).
  ExpectProblem(Send("GET", "/v1/organizations?contry=RS"), 400, "contry");
  ExpectProblem(Send("GET", "/v1/countries?page=2"), 400, "page");
  auto page = json::parse(Send("GET", "/v1/organizations?limit=1").body);
  ASSERT_TRUE(page["next_cursor"].is_string());
  std::string tampered = page["next_cursor"];
  tampered[2] = tampered[2] == 'x' ? 'y' : 'x';
  ExpectProblem(Send("GET", "/v1/organizations?cursor=" + UrlEncode(tampered)), 400, "cursor");
}

TEST_F(OrganizationsE2eTest, WritesNeedCredentials) {
  ExpectProblem(Send("POST", "/v1/organizations", R"({"name": "x"})"), 401);
  ExpectProblem(
      Send("PATCH", "/v1/organizations/" + cacak_["id"].get<std::string>(), R"({"city": "x"})"),
      401);
}

TEST_F(OrganizationsE2eTest, AdminCreatesWithLocationAndReadOnlyFieldsAre422) {
  auto r = Send("POST", "/v1/organizations",
                json{{"name", token_ + " Created"},
                     {"country", "XK"},
                     {"kind", "partner"},
                     {"website", "https://example.org"}}
                    .dump(),
                true);
  ASSERT_EQ(r.status, 201) << r.body;
  auto body = json::parse(r.body);
  EXPECT_EQ(r.Header("location"), "/v1/organizations/" + body["id"].get<std::string>());
  EXPECT_EQ(r.Header("etag"), "\"1\"");
  EXPECT_EQ(body["status"], "active");
  EXPECT_EQ(body["website"], "https://example.org");
  // What was not given is null, never "" (docs/openapi.yaml).
  for (const char* field : {"acronym", "city", "email", "registration_number", "status_note"}) {
    ASSERT_TRUE(body.contains(field)) << field;
    EXPECT_TRUE(body[field].is_null()) << field << ": " << body[field];
  }
  EXPECT_EQ(Send("GET", r.Header("location")).status, 200);

  auto mass = Send(
      "POST", "/v1/organizations",
      json{
          {"name", token_ + " Mass"}, {"country", "RS"}, {"kind", "media"}, {"status", "suspended"}}
          .dump(),
      true);
  ExpectProblem(mass, 422, "status");
  EXPECT_EQ(Items("q=" + token_ + "%20Mass").size(), 0u) << "nothing written";

  auto invalid = Send("POST", "/v1/organizations",
                      json{{"country", "DE"}, {"email", "nope"}, {"kind", "bank"}}.dump(), true);
  ExpectProblem(invalid, 422, "kind");
}

TEST_F(OrganizationsE2eTest, PatchHonoursIfMatchAndVerbsFollowTheLifecycle) {
  auto org = Create({{"name", token_ + " Lifecycle"}, {"country", "AL"}, {"kind", "member_cso"}});
  const std::string path = "/v1/organizations/" + org["id"].get<std::string>();
  auto patched = Send("PATCH", path, R"({"city": "Tiranë"})", true, {{"If-Match", "\"1\""}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.Header("etag"), "\"2\"");
  EXPECT_EQ(json::parse(patched.body)["city"], "Tiranë");
  EXPECT_EQ(json::parse(patched.body)["name"], token_ + " Lifecycle") << "untouched";
  ExpectProblem(Send("PATCH", path, R"({"city": "Durrës"})", true, {{"If-Match", "\"1\""}}), 412);
  ExpectProblem(Send("PATCH", path, R"({"city": "Durrës"})", true, {{"If-Match", "two"}}), 400,
                "If-Match");

  ExpectProblem(Send("POST", path + "/suspend", "", true), 422, "note");
  auto suspended = Send("POST", path + "/suspend", R"({"note": "late report"})", true);
  ASSERT_EQ(suspended.status, 200) << suspended.body;
  EXPECT_EQ(json::parse(suspended.body)["status"], "suspended");
  EXPECT_EQ(json::parse(suspended.body)["status_note"], "late report");
  auto twice = Send("POST", path + "/suspend", R"({"note": "again"})", true);
  ExpectProblem(twice, 409);
  EXPECT_EQ(json::parse(twice.body)["type"], "/problems/invalid_transition");
  auto back = Send("POST", path + "/reinstate", "", true, {{"If-Match", "\"3\""}});
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(json::parse(back.body)["status"], "active");
  EXPECT_TRUE(json::parse(back.body).at("status_note").is_null()) << "reinstated without a note";
}

TEST_F(OrganizationsE2eTest, ConcurrentPatchesWithTheSameIfMatchLetExactlyOneWin) {
  auto org = Create({{"name", token_ + " Race"}, {"country", "HR"}, {"kind", "member_cso"}});
  const std::string path = "/v1/organizations/" + org["id"].get<std::string>();
  constexpr int kClients = 6;
  std::vector<long> statuses(kClients);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      statuses[i] = Send("PATCH", path, R"({"city": "Split )" + std::to_string(i) + R"("})", true,
                         {{"If-Match", "\"1\""}})
                        .status;
    });
  }
  for (auto& c : clients) c.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 412), kClients - 1);
  auto now = Send("GET", path);
  EXPECT_EQ(now.Header("etag"), "\"2\"");
}

TEST_F(OrganizationsE2eTest, MembersEditOnlyTheirOwnProfileAndCoordinatorsTheirCountry) {
  auto own = Create({{"name", token_ + " Own"}, {"country", "MK"}, {"kind", "member_cso"}});
  const std::string own_path = "/v1/organizations/" + own["id"].get<std::string>();
  const std::string other_path = "/v1/organizations/" + cacak_["id"].get<std::string>();
  const std::string member = SignedIn("member", {{"organization_id", own["id"]}});
  ASSERT_FALSE(member.empty());
  auto other = SendAs(member, "PATCH", other_path, R"({"city": "Skopje"})");
  ExpectProblem(other, 403);
  // Regression (issue 12): membership's refusals were `about:blank`, the gateway's named.
  EXPECT_EQ(json::parse(other.body)["type"], "/problems/forbidden");
  ExpectProblem(SendAs(member, "PATCH", own_path, R"({"country": "RS"})"), 403);
  ExpectProblem(SendAs(member, "POST", own_path + "/withdraw", R"({"note": "bye"})"), 403);
  auto mine = SendAs(member, "PATCH", own_path, R"({"city": "Skopje", "acronym": "OWN"})");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(json::parse(mine.body)["acronym"], "OWN");

  const std::string coordinator = SignedIn("national_coordinator", {{"country", "RS"}});
  ASSERT_FALSE(coordinator.empty());
  ExpectProblem(
      SendAs(coordinator, "POST", "/v1/organizations",
             json{{"name", token_ + " Elsewhere"}, {"country", "BA"}, {"kind", "media"}}.dump()),
      403);
  auto here = SendAs(coordinator, "POST", "/v1/organizations",
                     json{{"name", token_ + " Here"}, {"country", "RS"}, {"kind", "media"}}.dump());
  EXPECT_EQ(here.status, 201) << here.body;
  // The suspended RS organisation is visible to the RS coordinator, not to the member.
  const std::string hidden_path = "/v1/organizations/" + hidden_["id"].get<std::string>();
  EXPECT_EQ(SendAs(coordinator, "GET", hidden_path).status, 200);
  ExpectProblem(SendAs(member, "GET", hidden_path), 404);
}

// Issue 11: a suspended member is read-only for its own organisation; staff are not.
TEST_F(OrganizationsE2eTest, MembersOfASuspendedOrganizationMayReadButNotChangeIt) {
  // A token of its own: once reinstated it is active, and must not join the directory tests' set.
  const std::string mine = UniqueToken();
  auto own = Create({{"name", mine + " Paused"}, {"country", "RS"}, {"kind", "member_cso"}});
  const std::string path = "/v1/organizations/" + own["id"].get<std::string>();
  const std::string member = ApiClient(*system_).CreateUserAndSignIn(
      admin_, "member", {{"organization_id", own["id"]}}, "paused." + mine);
  ASSERT_FALSE(member.empty());
  auto suspended = Send("POST", path + "/suspend", json{{"note", "audit pending"}}.dump(), true);
  ASSERT_EQ(suspended.status, 200) << suspended.body;

  EXPECT_EQ(SendAs(member, "GET", path).status, 200);
  const json service{{"name", {{"en", "Day centre " + mine}}}, {"category", "day_care"}};
  for (const auto& refused :
       {SendAs(member, "PATCH", path, R"({"city": "Niš"})"),
        SendAs(member, "POST", path + "/services", service.dump()),
        SendAs(member, "POST", path + "/people", R"({"name": "Contact person"})")}) {
    ExpectProblem(refused, 403);
    EXPECT_EQ(json::parse(refused.body, nullptr, false).value("type", ""),
              "/problems/organization_read_only")
        << refused.body;
  }
  EXPECT_EQ(Send("PATCH", path, R"({"city": "Niš"})", true).status, 200);
  EXPECT_EQ(Send("POST", path + "/services", service.dump(), true).status, 201);

  auto reinstated = Send("POST", path + "/reinstate", "", true);
  ASSERT_EQ(reinstated.status, 200) << reinstated.body;
  EXPECT_EQ(SendAs(member, "PATCH", path, R"({"city": "Beograd"})").status, 200);
}

// Issue 12: a directory page needs a description, address, phone and logo, and the contact
// persons who consented to the directory, without a call per person.
TEST_F(OrganizationsE2eTest, TheProfileCarriesWhatADirectoryPageShows) {
  auto org = Create({{"name", token_ + " Profile"},
                     {"country", "RS"},
                     {"kind", "member_cso"},
                     {"description", {{"en", "Day care in Niš"}, {"sr-Latn", "Dnevni boravak"}}},
                     {"address", "Obrenovićeva 1, 18000 Niš"},
                     {"phone", "+381 18 123 456"},
                     {"logo_url", "https://example.org/logo.png"}});
  const std::string path = "/v1/organizations/" + org["id"].get<std::string>();
  EXPECT_EQ(org["description"]["sr-Latn"], "Dnevni boravak") << org.dump();
  EXPECT_EQ(org["address"], "Obrenovićeva 1, 18000 Niš");
  EXPECT_EQ(org["phone"], "+381 18 123 456");
  EXPECT_EQ(org["logo_url"], "https://example.org/logo.png");
  EXPECT_EQ(org["contacts"], json::array());

  // Every profile rule in one answer.
  auto bad = Send("PATCH", path,
                  json{{"logo_url", "http://example.org/logo.png"},
                       {"phone", "call us"},
                       {"description", {{"xx", "?"}, {"en", ""}}}}
                      .dump(),
                  true);
  EXPECT_EQ(bad.status, 422) << bad.body;
  std::set<std::string> fields;
  const auto problem = json::parse(bad.body);  // kept: a loop over a temporary's member dangles
  for (const auto& e : problem["errors"]) fields.insert(e["field"].get<std::string>());
  EXPECT_EQ(fields,
            (std::set<std::string>{"logo_url", "phone", "description.xx", "description.en"}))
      << bad.body;

  // Contacts: only those who consented, name, role and email, for anonymous callers too.
  auto person = [&](const std::string& name, bool directory) {
    auto r = Send("POST", path + "/people",
                  json{{"name", name},
                       {"role", "Coordinator"},
                       {"email", "contact@example.org"},
                       {"consent", {{"directory", directory}, {"newsletter", false}}}}
                      .dump(),
                  true);
    EXPECT_EQ(r.status, 201) << r.body;
  };
  const auto etag_before = Send("GET", path).Header("etag");
  person("Zorana Public", true);
  person("Anonymous Private", false);
  auto shown = Send("GET", path);
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(json::parse(shown.body)["contacts"],
            (json::array({{{"name", "Zorana Public"},
                           {"role", "Coordinator"},
                           {"email", "contact@example.org"}}})))
      << shown.body;
  EXPECT_NE(shown.Header("etag"), etag_before) << "a cached profile would keep old contacts";
  // The scheme's case does not matter (the database agrees with the rule).
  auto upper = Send("PATCH", path, json{{"logo_url", "HTTPS://example.org/L.png"}}.dump(), true);
  EXPECT_EQ(upper.status, 200) << upper.body;
  // Clearing: "" and {} empty a field again.
  auto cleared =
      Send("PATCH", path, json{{"description", json::object()}, {"logo_url", ""}}.dump(), true);
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(json::parse(cleared.body)["description"].is_null()) << cleared.body;
  EXPECT_TRUE(json::parse(cleared.body)["logo_url"].is_null()) << cleared.body;
}

}  // namespace
}  // namespace iris::testing
