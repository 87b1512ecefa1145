// Awards, tranches and reports through the gateway: a network admin awards an application under
// review of a closed call (201 + Location, once), concurrent awards never pass the call's budget
// or a country's allocation, one Idempotency-Key makes one grant however often it is sent, a
// tranche waits for the report it requires, and a returned report is changed and resubmitted.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <latch>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/e2e/api_client.hpp"
#include "tests/e2e/e2e_suite.hpp"
#include "tests/e2e/system.hpp"
#include "tests/support/http_client.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr int kOrgs = 10;  // organisations applying to every call of the suite

std::string InstantFromNow(std::chrono::seconds offset) {
  const std::time_t t =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + offset);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

json Eur(int64_t amount) { return {{"amount", amount}, {"currency", "EUR"}}; }

json Terms(int64_t amount) {
  return {{"amount", Eur(amount)}, {"starts_on", "2027-01-01"}, {"ends_on", "2027-12-31"}};
}

class GrantsAwardsE2eTest : public E2eSuite {
 protected:
  // Members of kOrgs organisations: 0..6 in RS, 7..9 in BA.
  static void SetUpTestSuite() {
    StartSystem();
    for (int i = 0; i < kOrgs; ++i) {
      const std::string country = i < 7 ? "RS" : "BA";
      const std::string org = CreateOrg("Awards " + std::to_string(i) + " " + token_, country);
      orgs_.push_back(org);
      members_.push_back(SignedIn("member", {{"organization_id", org}}, "aw" + std::to_string(i)));
    }
  }
  static void TearDownTestSuite() { Stop(); }

  static json Parse(const HttpResult& r) { return json::parse(r.body, nullptr, false); }
  static std::string Type(const HttpResult& r) { return Parse(r).value("type", ""); }

  // A closed call (open when !close) of `budget` (with `allocations`) to which the first
  // `applicants` organisations applied for `requested` each: their applications, under review.
  static std::pair<std::string, std::vector<std::string>> ClosedCall(
      int64_t budget, int applicants, int64_t requested = 650000,
      const json& allocations = json::array(), bool close = true) {
    json body = {
        {"title", {{"en", "Awards " + token_}}},
        {"opens_at", InstantFromNow(-3600s)},
        {"closes_at", InstantFromNow(3600s)},
        {"timezone", "Europe/Belgrade"},
        {"budget", Eur(budget)},
        {"max_award", Eur(800000)},
        {"eligible_countries", {"RS", "BA"}},
        {"country_allocations", allocations},
        {"criteria", {{{"key", "relevance"}, {"name", {{"en", "Relevance"}}}, {"weight", 100}}}}};
    auto created = As(admin_, "POST", "/v1/grant-calls", body.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    const std::string call = Parse(created).value("id", "");
    EXPECT_EQ(As(admin_, "POST", "/v1/grant-calls/" + call + "/open").status, 200);
    std::vector<std::string> applications;
    for (int i = 0; i < applicants; ++i) {
      json application = {
          {"project_title", "Day care " + std::to_string(i)},
          {"summary", "Children, three days a week."},
          {"requested", Eur(requested)},
          {"duration_months", 12},
          {"budget_lines",
           {{{"category", "personnel"}, {"description", "Staff"}, {"amount", Eur(requested)}}}}};
      auto a =
          As(members_[i], "POST", "/v1/grant-calls/" + call + "/applications", application.dump());
      EXPECT_EQ(a.status, 201) << a.body;
      const std::string id = Parse(a).value("id", "");
      auto submitted = As(members_[i], "POST", "/v1/grant-applications/" + id + "/submit");
      EXPECT_EQ(submitted.status, 200) << submitted.body;
      applications.push_back(id);
    }
    if (close) {
      auto closed = As(admin_, "POST", "/v1/grant-calls/" + call + "/close");
      EXPECT_EQ(closed.status, 200) << closed.body;
    }
    return {call, applications};
  }

  static HttpResult Award(const std::string& application, int64_t amount, Headers headers = {}) {
    return As(admin_, "POST", "/v1/grant-applications/" + application + "/award",
              Terms(amount).dump(), std::move(headers));
  }

  static int64_t CallAwarded(const std::string& call) {
    auto r = As(admin_, "GET", "/v1/grant-calls/" + call);
    EXPECT_EQ(r.status, 200) << r.body;
    return Parse(r)["awarded"].value("amount", int64_t{-1});
  }

  static std::vector<json> GrantsOf(const std::string& call) {
    auto r = As("", "GET", "/v1/grants?call_id=" + call + "&limit=200");
    EXPECT_EQ(r.status, 200) << r.body;
    const auto items = Parse(r)["items"];
    return {items.begin(), items.end()};
  }

  // Sends every request at once, one thread each; their answers in order.
  template <typename Send>
  static std::vector<HttpResult> Parallel(size_t n, Send send) {
    std::vector<HttpResult> results(n);
    std::latch start(static_cast<std::ptrdiff_t>(n));
    std::vector<std::thread> threads;
    for (size_t i = 0; i < n; ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        results[i] = send(i);
      });
    }
    for (auto& t : threads) t.join();
    return results;
  }

  static inline std::vector<std::string> orgs_, members_;
};

TEST_F(GrantsAwardsE2eTest, AwardAnswers201WithLocationOnceAndGrantsArePublic) {
  const auto [call, applications] = ClosedCall(5000000, 2);
  auto r = Award(applications[0], 600000);
  ASSERT_EQ(r.status, 201) << r.body;
  const auto g = Parse(r);
  const std::string id = g["id"];
  EXPECT_EQ(r.Header("location"), "/v1/grants/" + id);
  EXPECT_EQ(r.Header("etag"), "\"1\"");
  EXPECT_EQ(g["application_id"], applications[0]);
  EXPECT_EQ(g["call_id"], call);
  EXPECT_EQ(g["organization_id"], orgs_[0]);
  EXPECT_EQ(g["country"], "RS");
  EXPECT_EQ(g["amount"], Eur(600000));
  EXPECT_EQ(g["paid"], Eur(0));
  EXPECT_EQ(g["starts_on"], "2027-01-01");
  const std::string contract = g["contract_number"];
  EXPECT_EQ(contract.substr(0, 4), "SGS-");
  EXPECT_EQ(contract.size(), 12u) << contract;

  // Once per application: the second award is a state conflict.
  auto again = Award(applications[0], 600000);
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(Type(again), "/problems/invalid_transition");
  auto application = As(admin_, "GET", "/v1/grant-applications/" + applications[0]);
  EXPECT_EQ(Parse(application)["status"], "awarded") << application.body;

  // Rules of the terms are 422 naming the field; only network admins award.
  ExpectProblem(Award(applications[1], 650001), 422, "amount.amount");
  auto usd = Terms(1000);
  usd["amount"]["currency"] = "USD";
  usd["contract_number"] = "SGS-1999-001";
  auto bad = As(admin_, "POST", "/v1/grant-applications/" + applications[1] + "/award", usd.dump());
  ExpectProblem(bad, 422, "amount.currency");
  EXPECT_TRUE(FieldsOf(bad).count("contract_number")) << bad.body;
  EXPECT_EQ(As(members_[1], "POST", "/v1/grant-applications/" + applications[1] + "/award",
               Terms(1000).dump())
                .status,
            403);

  // Anyone reads grants.
  auto read = As("", "GET", "/v1/grants/" + id);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Parse(read)["contract_number"], contract);
  const auto listed = GrantsOf(call);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["id"], id);
  auto by_org = As("", "GET", "/v1/grants?organization_id=" + orgs_[0] + "&country=RS");
  ASSERT_EQ(by_org.status, 200) << by_org.body;
  EXPECT_EQ(Parse(by_org)["items"].size(), 1u);
  EXPECT_EQ(As("", "GET", "/v1/grants?call_id=nope").status, 400);
  EXPECT_EQ(CallAwarded(call), 600000);
}

TEST_F(GrantsAwardsE2eTest, NoAwardWhileTheCallIsOpen) {
  const auto [call, applications] = ClosedCall(5000000, 1, 650000, json::array(), false);
  auto r = Award(applications[0], 500000);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(Type(r), "/problems/invalid_transition");
  EXPECT_NE(r.body.find("awards only while the call is closed"), std::string::npos) << r.body;
  EXPECT_EQ(CallAwarded(call), 0);
  EXPECT_TRUE(GrantsOf(call).empty());
}

TEST_F(GrantsAwardsE2eTest, ConcurrentAwardsNeverPassTheBudget) {
  // EUR 20,000 holds 4 awards of EUR 5,000; 10 are decided at the same moment.
  const auto [call, applications] = ClosedCall(2000000, kOrgs);
  const auto results =
      Parallel(applications.size(), [&](size_t i) { return Award(applications[i], 500000); });
  int64_t sum = 0;
  int created = 0;
  for (const auto& r : results) {
    if (r.status == 201) {
      ++created;
      sum += Parse(r)["amount"].value("amount", int64_t{0});
    } else {
      EXPECT_EQ(r.status, 409) << r.body;
      EXPECT_EQ(Type(r), "/problems/over_budget") << r.body;
    }
  }
  EXPECT_LE(sum, 2000000);
  EXPECT_EQ(created, 4);
  EXPECT_EQ(CallAwarded(call), sum);
  EXPECT_EQ(GrantsOf(call).size(), static_cast<size_t>(created));
}

TEST_F(GrantsAwardsE2eTest, ConcurrentAwardsNeverPassACountrysAllocation) {
  // RS may take EUR 10,000 (2 awards of EUR 4,000) of a large budget; BA has no ceiling.
  const json allocations = {{{"country", "RS"}, {"amount", Eur(1000000)}}};
  const auto [call, applications] = ClosedCall(10000000, kOrgs, 650000, allocations);
  const auto results =
      Parallel(applications.size(), [&](size_t i) { return Award(applications[i], 400000); });
  int rs = 0, ba = 0;
  for (size_t i = 0; i < results.size(); ++i) {
    if (results[i].status == 201) {
      (Parse(results[i])["country"] == "RS" ? rs : ba) += 1;
    } else {
      EXPECT_EQ(Type(results[i]), "/problems/over_allocation") << results[i].body;
    }
  }
  EXPECT_EQ(rs, 2);
  EXPECT_EQ(ba, 3);
  auto c = As(admin_, "GET", "/v1/grant-calls/" + call);
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(Parse(c)["awarded"], Eur(2000000));
}

TEST_F(GrantsAwardsE2eTest, OneIdempotencyKeySentInParallelMakesOneGrant) {
  const auto [call, applications] = ClosedCall(5000000, 1);
  const Headers key = {{"Idempotency-Key", UniqueToken()}};
  const auto results = Parallel(8, [&](size_t) { return Award(applications[0], 500000, key); });
  std::map<long, int> statuses;
  std::set<std::string> ids;
  for (const auto& r : results) {
    ++statuses[r.status];
    if (r.status == 201) ids.insert(Parse(r).value("id", ""));
  }
  EXPECT_GE(statuses[201], 1);
  EXPECT_EQ(statuses[201] + statuses[409], 8) << "each one created, replayed or told to wait";
  EXPECT_EQ(ids.size(), 1u) << "every 201 is the one grant";
  EXPECT_EQ(GrantsOf(call).size(), 1u);
  EXPECT_EQ(CallAwarded(call), 500000);
  auto retry = Award(applications[0], 500000, key);
  EXPECT_EQ(retry.status, 201) << retry.body;
  EXPECT_EQ(retry.Header("idempotent-replayed"), "true");
}

TEST_F(GrantsAwardsE2eTest, TrancheWaitsForItsReportAndAReturnedReportIsResubmitted) {
  const auto [call, applications] = ClosedCall(5000000, 2);
  auto awarded = Award(applications[0], 600000);
  ASSERT_EQ(awarded.status, 201) << awarded.body;
  const std::string grant = Parse(awarded)["id"];
  const std::string grantee = members_[0], stranger = members_[1];

  auto tranche =
      As(admin_, "POST", "/v1/grants/" + grant + "/tranches",
         json{{"amount", Eur(400000)}, {"due_on", "2027-06-30"}, {"requires_report", "interim"}}
             .dump());
  ASSERT_EQ(tranche.status, 201) << tranche.body;
  const std::string tranche_id = Parse(tranche)["id"];
  EXPECT_EQ(Parse(tranche)["status"], "planned");
  auto over = As(admin_, "POST", "/v1/grants/" + grant + "/tranches",
                 json{{"amount", Eur(200001)}, {"due_on", "2027-12-31"}}.dump());
  EXPECT_EQ(over.status, 409) << over.body;
  EXPECT_EQ(Type(over), "/problems/over_award");
  // Staff and the grantee follow the grant; other members do not see it.
  EXPECT_EQ(As(grantee, "GET", "/v1/grants/" + grant + "/tranches").status, 200);
  EXPECT_EQ(As(stranger, "GET", "/v1/grants/" + grant + "/tranches").status, 404);

  auto blocked = As(admin_, "POST", "/v1/tranches/" + tranche_id + "/pay");
  EXPECT_EQ(blocked.status, 409) << blocked.body;
  EXPECT_EQ(Type(blocked), "/problems/report_not_accepted");

  auto report = As(
      grantee, "POST", "/v1/grants/" + grant + "/reports",
      json{
          {"kind", "interim"}, {"narrative", "The centre opened in March."}, {"spent", Eur(350000)}}
          .dump());
  ASSERT_EQ(report.status, 201) << report.body;
  const std::string report_id = Parse(report)["id"];
  EXPECT_EQ(report.Header("location"), "/v1/grant-reports/" + report_id);
  EXPECT_EQ(Parse(report)["status"], "submitted");
  EXPECT_EQ(As(stranger, "GET", "/v1/grant-reports/" + report_id).status, 404);
  EXPECT_EQ(Type(As(admin_, "POST", "/v1/tranches/" + tranche_id + "/pay")),
            "/problems/report_not_accepted");
  // One interim report waits for a decision at a time: a second is a 409, nothing stored.
  auto second = As(grantee, "POST", "/v1/grants/" + grant + "/reports",
                   json{{"kind", "interim"}, {"narrative", "Again."}, {"spent", Eur(1)}}.dump());
  EXPECT_EQ(second.status, 409) << second.body;
  EXPECT_EQ(Type(second), "/problems/conflict");

  // Returned with a note, changed, submitted again, accepted.
  ExpectProblem(As(admin_, "POST", "/v1/grant-reports/" + report_id + "/return"), 422, "note");
  auto early_patch = As(grantee, "PATCH", "/v1/grant-reports/" + report_id,
                        json{{"narrative", "Changed too early."}}.dump());
  EXPECT_EQ(early_patch.status, 409) << early_patch.body;
  auto returned = As(admin_, "POST", "/v1/grant-reports/" + report_id + "/return",
                     json{{"note", "Add the costs by line."}}.dump());
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(Parse(returned)["status"], "returned");
  EXPECT_EQ(Parse(returned)["status_note"], "Add the costs by line.");
  auto patched = As(grantee, "PATCH", "/v1/grant-reports/" + report_id,
                    json{{"narrative",
                          "The centre opened in March. Staff 250,000; equipment "
                          "100,000."}}
                        .dump(),
                    {{"If-Match", returned.Header("etag")}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(Parse(patched)["status"], "returned");
  auto resubmitted = As(grantee, "POST", "/v1/grant-reports/" + report_id + "/submit");
  ASSERT_EQ(resubmitted.status, 200) << resubmitted.body;
  EXPECT_EQ(Parse(resubmitted)["status"], "submitted");
  EXPECT_EQ(As(grantee, "POST", "/v1/grant-reports/" + report_id + "/accept").status, 403);
  auto accepted = As(admin_, "POST", "/v1/grant-reports/" + report_id + "/accept");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(Parse(accepted)["status"], "accepted");

  auto paid = As(admin_, "POST", "/v1/tranches/" + tranche_id + "/pay");
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(Parse(paid)["status"], "paid");
  EXPECT_TRUE(Parse(paid)["paid_on"].is_string()) << paid.body;
  auto twice = As(admin_, "POST", "/v1/tranches/" + tranche_id + "/pay");
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(Type(twice), "/problems/invalid_transition");
  EXPECT_EQ(Parse(As("", "GET", "/v1/grants/" + grant))["paid"], Eur(400000));
  auto reports = As(grantee, "GET", "/v1/grants/" + grant + "/reports");
  ASSERT_EQ(reports.status, 200) << reports.body;
  EXPECT_EQ(Parse(reports)["items"].size(), 1u);
  EXPECT_TRUE(Parse(reports)["next_cursor"].is_null());
}

}  // namespace
}  // namespace iris::testing
