// The Small Grants Scheme's figures and 360Giving open data through the gateway: anyone reads
// them; the JSON export validates against the standard's schemas with ajv (npm, tests/openapi),
// the CSV has the standard's column titles and amounts in currency units (EUR 6,500.00 -> 6500);
// the ETag follows the awards. A call with an award is written with SQL as the superuser, in a
// year of its own, so the figures asked for are this test's alone.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/e2e/e2e_suite.hpp"
#include "tests/support/test_env.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;

class GrantsOpenDataE2eTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    StartSystem();
    std::mt19937 rng(std::random_device{}());
    year_ = 2200 + static_cast<int>(rng() % 7000);
    char prefix[40];
    std::snprintf(prefix, sizeof prefix, "%08x-%04x-4%03x-9%03x-%04x", static_cast<unsigned>(rng()),
                  static_cast<unsigned>(rng() % 0x10000), static_cast<unsigned>(rng() % 0x1000),
                  static_cast<unsigned>(rng() % 0x1000), static_cast<unsigned>(rng() % 0x10000));
    run_ = prefix;
    call_ = run_ + "00000001";
    draft_call_ = run_ + "00000002";
    application_ = run_ + "00000003";
    grant_ = run_ + "00000004";
    organization_ = run_ + "00000005";
    const std::string y = std::to_string(year_), y1 = std::to_string(year_ + 1);
    pqxx::connection c(AdminDatabaseUrl());
    pqxx::work tx(c);
    tx.exec_params(
        "INSERT INTO grants.calls (id, title, opens_at, closes_at, currency, budget, max_award,"
        " eligible_countries, criteria, status, awarded, grant_count) VALUES"
        " ($1, '{\"en\": \"Open data e2e call\"}', $3::date + time '09:00', $3::date + 40,"
        "  'EUR', 12000000, 800000, '{RS,XK}', '[]', 'closed', 650000, 1),"
        " ($2, '{\"en\": \"Open data e2e draft\"}', $3::date, $3::date + 40,"
        "  'EUR', 12000000, 800000, '{RS}', '[]', 'draft', 0, 0)",
        call_, draft_call_, y + "-03-01");
    tx.exec_params(
        "INSERT INTO grants.applications (id, call_id, organization_id, organization_name, country,"
        " project_title, summary, requested, duration_months, status, submitted_at) VALUES"
        " ($1, $2, $3, $4, 'RS', $5, '', 700000, 12, 'awarded', $6::date + time '10:00')",
        application_, call_, organization_, "Udruženje \"Osmeh\", Vlasotince " + token_,
        "Day care, respite " + token_, y + "-03-10");
    tx.exec_params(
        "INSERT INTO grants.grants (id, application_id, call_id, organization_id,"
        " organization_name, country, project_title, currency, amount, contract_number,"
        " starts_on, ends_on, awarded_at) VALUES"
        " ($1, $2, $3, $4, $5, 'RS', $6, 'EUR', 650000, $7, $8, $9, $10)",
        grant_, application_, call_, organization_, "Udruženje \"Osmeh\", Vlasotince " + token_,
        "Day care, respite " + token_, "E2E-" + run_, y + "-07-01", y1 + "-06-30",
        y + "-06-15T10:00:00Z");
    tx.commit();
  }
  static void TearDownTestSuite() { Stop(); }

  // Runs tests/openapi/validate_360giving.mjs on `body` (installing tests/openapi's npm
  // packages first, as scripts/test.sh does); its exit status and output.
  static std::pair<int, std::string> ValidateWithAjv(const std::string& body) {
    const std::string dir = ::testing::TempDir();
    const std::string file = dir + "/360giving-" + token_ + ".json";
    const std::string log = file + ".log";
    std::ofstream(file) << body;
    const std::string root = IRIS_SOURCE_DIR;
    const std::string cmd = "cd '" + root +
                            "' && bash -c 'source scripts/lib/common.sh && source "
                            "scripts/lib/npm.sh && iris_npm_ci \"$PWD/tests/openapi\"' && node "
                            "tests/openapi/validate_360giving.mjs '" +
                            file + "' > '" + log + "' 2>&1";
    const int rc = std::system(cmd.c_str());
    std::stringstream out;
    out << std::ifstream(log).rdbuf();
    return {rc, out.str()};
  }

  static inline int year_ = 0;
  static inline std::string run_, call_, draft_call_, application_, grant_, organization_;
};

TEST_F(GrantsOpenDataE2eTest, TheJsonPackageValidatesAgainstThe360GivingSchemasWithAjv) {
  auto r = As("", "GET", "/v1/open-data/360giving.json");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json");
  const auto doc = json::parse(r.body);
  const json* ours = nullptr;
  for (const auto& g : doc["grants"]) {
    if (g.value("id", "") == "360G-iris-" + grant_) ours = &g;
  }
  ASSERT_NE(ours, nullptr) << r.body.substr(0, 2000);
  EXPECT_EQ((*ours)["amountAwarded"], 6500);
  EXPECT_EQ((*ours)["awardDate"], std::to_string(year_) + "-06-15");
  EXPECT_EQ((*ours)["recipientOrganization"][0]["id"], "360G-iris-ORG-" + organization_);
  EXPECT_EQ((*ours)["description"], "Open data e2e call");

  const auto [rc, output] = ValidateWithAjv(r.body);
  EXPECT_EQ(rc, 0) << output;
  EXPECT_NE(output.find("is a valid 360Giving data package"), std::string::npos) << output;
}

TEST_F(GrantsOpenDataE2eTest, AnInvalidPackageFailsTheValidator) {
  // The validator itself can fail: an award date in another form is refused.
  auto r = As("", "GET", "/v1/open-data/360giving.json");
  ASSERT_EQ(r.status, 200);
  auto doc = json::parse(r.body);
  ASSERT_FALSE(doc["grants"].empty());
  doc["grants"][0]["awardDate"] = "15.06.2021";
  const auto [rc, output] = ValidateWithAjv(doc.dump());
  EXPECT_NE(rc, 0) << output;
  EXPECT_NE(output.find("awardDate"), std::string::npos) << output;
}

TEST_F(GrantsOpenDataE2eTest, TheCsvHasTheStandardsTitlesAndAmountsInUnits) {
  auto r = As("", "GET", "/v1/open-data/360giving.csv");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(r.Header("content-disposition"), "attachment; filename=\"360giving.csv\"");
  const std::vector<std::string> lines = absl::StrSplit(r.body, "\r\n");
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[0],
            "Identifier,Title,Description,Currency,Amount Applied For,Amount Awarded,Award Date,"
            "Recipient Org:Identifier,Recipient Org:Name,Funding Org:Identifier,Funding Org:Name,"
            "Planned Dates:Start Date,Planned Dates:End Date,Planned Dates:Duration (months),"
            "Beneficiary Location:Name,Beneficiary Location:Country Code,Grant Programme:Code,"
            "Grant Programme:Title,From An Open Call?,Last Modified");
  std::string ours;
  for (const auto& line : lines) {
    if (line.rfind("360G-iris-" + grant_ + ",", 0) == 0) ours = line;
  }
  ASSERT_FALSE(ours.empty()) << r.body.substr(0, 2000);
  EXPECT_NE(ours.find(absl::StrCat(",\"Day care, respite ", token_,
                                   "\",Open data e2e call,EUR,7000,6500,", year_, "-06-15,")),
            std::string::npos)
      << ours;
  EXPECT_NE(ours.find(absl::StrCat(",\"Udruženje \"\"Osmeh\"\", Vlasotince ", token_, "\",")),
            std::string::npos)
      << ours;
  EXPECT_NE(ours.find(",12,Serbia,RS,"), std::string::npos) << ours;
}

TEST_F(GrantsOpenDataE2eTest, TheEtagFollowsTheAwards) {
  auto first = As("", "GET", "/v1/open-data/360giving.json");
  ASSERT_EQ(first.status, 200);
  const std::string etag = first.Header("etag");
  ASSERT_FALSE(etag.empty());
  auto again = As("", "GET", "/v1/open-data/360giving.json", "", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304) << again.body;
  {
    pqxx::connection c(AdminDatabaseUrl());
    pqxx::work tx(c);
    tx.exec_params(
        "UPDATE grants.grants SET version = version + 1, updated_at = now()"
        " WHERE id = $1",
        grant_);
    tx.commit();
  }
  auto changed = As("", "GET", "/v1/open-data/360giving.json", "", {{"If-None-Match", etag}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_NE(changed.Header("etag"), etag);
}

TEST_F(GrantsOpenDataE2eTest, ACallsStatsArePublicAndADraftsAreNotFound) {
  auto r = As("", "GET", "/v1/grant-calls/" + call_ + "/stats");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body), json::parse(absl::StrCat(R"({"call_id": ")", call_, R"(",
      "applications": 1, "awards": 1,
      "requested": {"amount": 700000, "currency": "EUR"},
      "awarded": {"amount": 650000, "currency": "EUR"},
      "by_country": [{"country": "RS", "applications": 1, "awards": 1,
                      "requested": {"amount": 700000, "currency": "EUR"},
                      "awarded": {"amount": 650000, "currency": "EUR"}}]})")));
  ExpectProblem(As("", "GET", "/v1/grant-calls/" + draft_call_ + "/stats"), 404);
  ExpectProblem(As("", "GET", "/v1/grant-calls/nope/stats"), 404);
}

TEST_F(GrantsOpenDataE2eTest, FiguresAcrossCallsByYearAndCountry) {
  const std::string y = std::to_string(year_);
  auto r = As("", "GET", "/v1/grant-stats?from=" + y + "&to=" + y);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto s = json::parse(r.body);
  EXPECT_EQ(s["from"], year_);
  EXPECT_EQ(s["applications"], 1);
  EXPECT_EQ(s["awarded"], json::parse(R"({"amount": 650000, "currency": "EUR"})"));
  ASSERT_EQ(s["by_year"].size(), 1u) << r.body;
  EXPECT_EQ(s["by_year"][0]["year"], year_);
  EXPECT_EQ(s["by_year"][0]["calls"], 1) << "the draft does not count";
  EXPECT_EQ(s["by_country"][0]["country"], "RS");

  ExpectProblem(As("", "GET", "/v1/grant-stats?from=abc"), 400, "from");
  ExpectProblem(As("", "GET", "/v1/grant-stats?from=2022&to=2021"), 400, "from");
  ExpectProblem(As("", "GET", "/v1/grant-stats?currency=euro"), 400, "currency");
  ExpectProblem(As("", "GET", "/v1/grant-stats?year=2021"), 400);
}

}  // namespace
}  // namespace iris::testing
