// OWASP API4:2023 Unrestricted Resource Consumption: requests built to cost the system far
// more than they cost the sender. Each is answered with its own status (never a hang, never a
// 5xx) and the gateway keeps serving everyone else.
// Already shown elsewhere, not repeated: a body over 1 MiB (413), a 128 KiB query (414), 1,000
// headers and one 100 KiB header (431) (gateway_e2e_test); 5,000 field errors capped at 100
// and list pages cut at 1 MiB (hostile_input_e2e_test); a filter repeated 51 times (lists_e2e
// _test); per-account bursts (rate_limits_e2e_test).
#include <gtest/gtest.h>

#include <future>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_suite.hpp"
#include "tests/security/security_support.hpp"

namespace iris::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class ResourceConsumptionSecurityTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() { Start("Limits"); }
  static void TearDownTestSuite() { Stop(); }

  // The gateway still answers an ordinary request, quickly.
  static void ExpectStillServing() {
    auto r = As("", "GET", "/v1/organizations/" + org_);
    EXPECT_EQ(r.status, 200) << r.body;
  }
  static std::string Application(const json& organization_extra = json::object()) {
    json org = {{"name", "Limits applicant " + token_}, {"country", "RS"}};
    org.update(organization_extra);
    return json{{"organization", org},
                {"contact", {{"name", "Ana"}, {"email", "ana@example.org"}}},
                {"motivation", "Join."}}
        .dump();
  }
};

// A recursive parser given 500,000 nested brackets runs out of stack. The body parser refuses
// nesting beyond 64 levels before parsing (libs/json kMaxDepth).
TEST_F(ResourceConsumptionSecurityTest, DeeplyNestedJsonIs400AndNothingElseSuffers) {
  const std::string path = "/v1/membership-applications";
  for (const std::string& body : {std::string(500000, '['), std::string(300000, '{'),
                                  std::string(65, '[') + std::string(65, ']')}) {
    auto r = As("", "POST", path, body);
    ExpectProblem(r, 400);
    EXPECT_NE(r.body.find("nests deeper"), std::string::npos) << r.body.substr(0, 300);
  }
  // Nesting inside a field that takes an object, from an account, on another route.
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "{\"a\":";
  deep += "1" + std::string(100000, '}');
  ExpectProblem(As(admin_, "PATCH", "/v1/organizations/" + org_, "{\"description\":" + deep + "}"),
                400);
  ExpectStillServing();
}

// Large collections inside a body under the 1 MiB cap: refused by their documented bounds
// (maxItems) in one answer, never processed element by element into a 5xx or a timeout.
TEST_F(ResourceConsumptionSecurityTest, HugeArraysInABodyAreRefusedByTheirBounds) {
  json groups = json::array();
  for (int i = 0; i < 120000; ++i) groups.push_back("roma");
  auto many =
      As("", "POST", "/v1/membership-applications", Application({{"target_groups", groups}}));
  ExpectProblem(many, 422, "organization.target_groups");
  EXPECT_LT(many.body.size(), 64u * 1024) << "the answer stays small";

  json municipalities = json::array();
  for (int i = 0; i < 60000; ++i) municipalities.push_back("m" + std::to_string(i));
  auto services = As(admin_, "POST", "/v1/organizations/" + org_ + "/services",
                     json{{"name", {{"en", "Wide " + token_}}},
                          {"category", "other"},
                          {"municipalities", municipalities}}
                         .dump());
  ExpectProblem(services, 422, "municipalities");

  // A bare array of 200,000 numbers where an object belongs: one error about the body.
  std::string numbers = "[0";
  for (int i = 0; i < 199999; ++i) numbers += ",0";
  numbers += "]";
  auto bare = As("", "POST", "/v1/membership-applications", numbers);
  ExpectProblem(bare, 422, "body");
  EXPECT_LT(bare.body.size(), 4096u);
  ExpectStillServing();
}

TEST_F(ResourceConsumptionSecurityTest, ATextFieldOfAlmostAMebibyteIs422AndNotStored) {
  auto r = As("", "POST", "/v1/membership-applications",
              json{{"organization", {{"name", std::string(900 * 1024, 'n')}, {"country", "RS"}}},
                   {"contact", {{"name", "Ana"}, {"email", "ana@example.org"}}},
                   {"motivation", std::string(10, 'm')}}
                  .dump());
  ExpectProblem(r, 422, "organization.name");
  EXPECT_LT(r.body.size(), 4096u) << "the value is not echoed back";
}

// Every documented bound of every query parameter, on every operation: one past it is a 400
// (page sizes above 200, cursors over 4,096 characters, searches over 200 characters).
TEST_F(ResourceConsumptionSecurityTest, EveryQueryParameterBoundIsEnforced) {
  const OpenApi api = OpenApi::Served(*system_);
  int checked = 0;
  for (const Operation& op : api.operations()) {
    if (op.method != "GET") continue;
    const std::string path = FillPath(op.path, org_);
    for (const json& p : op.params) {
      if (p.value("in", "") != "query") continue;
      const json raw = p.value("schema", json::object());  // Resolve may return it itself
      const json& schema = api.Resolve(raw);
      const std::string name = p.value("name", "");
      std::vector<std::string> beyond;
      if (schema.contains("maximum")) {
        beyond.push_back(std::to_string(schema["maximum"].get<int64_t>() + 1));
        beyond.push_back("99999999999999999999999");
      }
      if (schema.contains("minimum")) {
        beyond.push_back(std::to_string(schema["minimum"].get<int64_t>() - 1));
      }
      if (schema.contains("maxLength")) {
        beyond.push_back(std::string(schema["maxLength"].get<size_t>() + 1, 'a'));
      }
      for (const auto& value : beyond) {
        auto r = As(admin_, "GET", path + "?" + name + "=" + value);
        EXPECT_EQ(r.status, 400) << op.Name() << " " << name << "=" << value.substr(0, 30) << ": "
                                 << r.body.substr(0, 300);
        ++checked;
      }
    }
  }
  EXPECT_GE(checked, 20) << "the lists' limit, cursor and q bounds";
}

// Slow clients (slowloris): a request head that never ends is cut off by the header timeout
// (10 s, services/gateway/http/server.hpp) instead of holding its connection forever, and
// ordinary requests are served meanwhile.
TEST_F(ResourceConsumptionSecurityTest, ARequestHeadThatNeverEndsIsCutOff) {
  std::vector<std::future<std::pair<bool, HttpResult>>> slow;
  for (int i = 0; i < 20; ++i) {
    slow.push_back(std::async(std::launch::async, [] {
      bool closed = false;
      auto r =
          SendRaw(system_->http_port(),
                  "GET /v1/organizations HTTP/1.1\r\nHost: x\r\nX-A:", "127.0.0.1", 25s, &closed);
      return std::make_pair(closed, r);
    }));
  }
  ExpectStillServing();
  for (auto& f : slow) {
    auto [closed, r] = f.get();
    // The reaper's answer (services/gateway/http/server.cpp): a 408 problem, then close.
    EXPECT_EQ(r.status, 408) << "still open after " << r.seconds << " s (closed: " << closed << ")";
    EXPECT_EQ(r.Header("content-type"), "application/problem+json");
    EXPECT_NE(r.body.find("/problems/request_timeout"), std::string::npos) << r.body;
    EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
    EXPECT_LT(r.seconds, 20.0);
  }
  ExpectStillServing();
}

// Expensive features asked for at once by many: counted totals and searches in parallel are
// answered (or limited), never left hanging past the upstream deadline.
TEST_F(ResourceConsumptionSecurityTest, ParallelCostlyListsAreAnsweredWithinTheDeadline) {
  std::vector<std::future<HttpResult>> answers;
  for (int i = 0; i < 24; ++i) {
    answers.push_back(std::async(std::launch::async, [i] {
      const std::string q = i % 2 ? "q=a%20b%20c%20d%20e%20f%20g%20h" : "include=total";
      return As("", "GET", "/v1/organizations?limit=200&" + q);
    }));
  }
  for (auto& a : answers) {
    auto r = a.get();
    EXPECT_TRUE(r.status == 200 || r.status == 429 || r.status == 503)
        << r.status << " " << r.body.substr(0, 200);
    EXPECT_LT(r.seconds, 10.0);
  }
  ExpectStillServing();
}

}  // namespace
}  // namespace iris::testing
