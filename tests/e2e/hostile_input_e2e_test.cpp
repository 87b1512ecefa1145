// Issue 11's defects as an outsider found them, replayed through the gateway: control
// characters in text, error lists and list pages larger than gRPC allows. The unit tests of
// libs/json, libs/status and libs/pagination pin each rule; these show that the running system
// answers with them.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_suite.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;

class HostileInputE2eTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() { Start("Hostile"); }
  static void TearDownTestSuite() { Stop(); }
};

// Regression: a NUL in an application's name was a 500, and elsewhere cut the stored text short.
TEST_F(HostileInputE2eTest, ANulCharacterIsA422OnItsFieldAndNothingIsCut) {
  const json application = {
      {"organization",
       {{"name", std::string("X\0y", 3)}, {"country", "RS"}, {"city", std::string("C\x01ty", 4)}}},
      {"contact", {{"name", "Amra"}, {"email", "amra@example.org"}}},
      {"motivation", "We support Roma children."}};
  auto r = As("", "POST", "/v1/membership-applications", application.dump());
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(FieldsOf(r), (std::set<std::string>{"organization.name", "organization.city"}))
      << r.body;

  const std::string path = "/v1/organizations/" + org_;
  auto patch = As(admin_, "PATCH", path, json{{"city", std::string("Nul\0abc", 7)}}.dump());
  EXPECT_EQ(patch.status, 422) << patch.body;
  EXPECT_EQ(FieldsOf(patch), std::set<std::string>{"city"}) << patch.body;
  auto stored = json::parse(As(admin_, "GET", path).body);
  EXPECT_TRUE(stored["city"].is_null()) << "nothing was written: " << stored.dump();
}

// Regression: 5,000 field errors overflowed gRPC's metadata and came back as a 429 with
// "received initial metadata size exceeds limit".
TEST_F(HostileInputE2eTest, AThousandsOfErrorsAnswerIsCappedAndCountsTheRest) {
  json body = json::object();
  for (int i = 0; i < 5000; ++i) body["unknown_" + std::to_string(i)] = i;
  auto r = As("", "POST", "/v1/membership-applications", body.dump());
  ASSERT_EQ(r.status, 422) << r.body.substr(0, 300);
  auto problem = json::parse(r.body);
  EXPECT_EQ(problem["errors"].size(), 100u);
  EXPECT_GT(problem.value("errors_omitted", 0), 4800)
      << "5,000 unknown fields and the missing ones";
  EXPECT_EQ(r.body.find("metadata"), std::string::npos);
}

// Regression: 110 services of 100 municipalities in four-byte characters made a list of 200
// larger than gRPC's 4 MiB, answered 429 "Received message larger than max". Pages now stop at
// 1 MiB with a cursor, and walking the cursors returns every service once.
TEST_F(HostileInputE2eTest, AListLargerThanAMessageComesInPagesOfAtMostAMegabyte) {
  const std::string services = "/v1/organizations/" + org_ + "/services";
  constexpr int kServices = 110;
  for (int s = 0; s < kServices; ++s) {
    json municipalities = json::array();
    for (int m = 0; m < 100; ++m) {
      std::string name = std::to_string(m) + (m < 10 ? "." : "");
      while (name.size() < 2 + 98 * 4) name += "\xF0\x9D\x84\x9E";  // U+1D11E, 4 bytes
      municipalities.push_back(name);
    }
    const json service = {{"name", {{"en", "Wide service " + std::to_string(s)}}},
                          {"category", "day_care"},
                          {"target_groups", {"roma"}},
                          {"municipalities", municipalities}};
    auto created = As(admin_, "POST", services, service.dump());
    ASSERT_EQ(created.status, 201) << created.body.substr(0, 300);
  }
  std::set<std::string> seen;
  std::string next = services + "?limit=200";
  int pages = 0;
  while (!next.empty() && pages < 20) {
    auto page = As("", "GET", next);
    ASSERT_EQ(page.status, 200) << page.body.substr(0, 300);
    EXPECT_LE(page.body.size(), 1200u * 1024) << "a page stops near 1 MiB";
    auto doc = json::parse(page.body);
    for (const auto& item : doc["items"]) EXPECT_TRUE(seen.insert(item["id"]).second);
    ++pages;
    next = doc["next_cursor"].is_string()
               ? services + "?limit=200&cursor=" + UrlEncode(doc["next_cursor"].get<std::string>())
               : "";
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kServices));
  EXPECT_GE(pages, 4) << "about 4.4 MB of services";
}

}  // namespace
}  // namespace iris::testing
