// The gateway's access log (issue 14, item 7): one JSON line per request with method, route
// template, status, duration, caller and request id, and never a credential or a body.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_suite.hpp"

namespace iris::testing {
namespace {

using namespace std::chrono_literals;

class AccessLogE2eTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() { Start("Access log"); }
  static void TearDownTestSuite() { Stop(); }

  // The gateway's log lines naming this request id.
  static std::vector<nlohmann::json> LinesOf(const std::string& request_id) {
    std::vector<nlohmann::json> out;
    std::istringstream log(system_->gateway().LogTail(8 << 20));
    for (std::string line; std::getline(log, line);) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_object() && j.value("request_id", "") == request_id) out.push_back(j);
    }
    return out;
  }
};

TEST_F(AccessLogE2eTest, OneLinePerRequestWithTheRouteTemplateAndTheCaller) {
  const std::string id = "access-log-" + token_;
  auto me = As(admin_, "GET", "/v1/me");
  ASSERT_EQ(me.status, 200);
  const std::string admin_id = nlohmann::json::parse(me.body).at("id");
  auto r = As(admin_, "GET", "/v1/organizations/" + org_, "", {{"X-Request-Id", id}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto anonymous =
      As("", "GET", "/v1/organizations/not-a-uuid", "", {{"X-Request-Id", id + "-anon"}});
  ASSERT_EQ(anonymous.status, 404) << anonymous.body;

  std::vector<nlohmann::json> lines;
  ASSERT_TRUE(Eventually([&] { return (lines = LinesOf(id)).size() == 1; }, 5s, 20ms))
      << lines.size() << " lines";
  const auto& line = lines[0];
  EXPECT_EQ(line.at("msg"), "request");
  EXPECT_EQ(line.at("method"), "GET");
  EXPECT_EQ(line.at("route"), "/v1/organizations/{id}");  // the template, not the id
  EXPECT_EQ(line.at("status"), 200);
  EXPECT_TRUE(line.at("duration_ms").is_number());
  EXPECT_GT(line.at("duration_ms").get<double>(), 0);
  EXPECT_EQ(line.at("caller"), admin_id);
  EXPECT_EQ(line.at("remote"), "127.0.0.1");

  ASSERT_TRUE(Eventually([&] { return (lines = LinesOf(id + "-anon")).size() == 1; }, 5s, 20ms));
  EXPECT_EQ(lines[0].at("caller"), "anonymous");
  EXPECT_EQ(lines[0].at("status"), 404);
}

TEST_F(AccessLogE2eTest, NeverATokenAKeyAPasswordOrABody) {
  const std::string email = "log-" + token_ + "@e2e.iris.example.org";
  const std::string password = "a password that must not be logged " + token_;
  auto created = As(admin_, "POST", "/v1/users",
                    nlohmann::json{{"email", email},
                                   {"password", password},
                                   {"name", "Log " + token_},
                                   {"role", "member"},
                                   {"organization_id", org_}}
                        .dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string bearer = ApiClient(*system_).SignIn(email, password);
  ASSERT_FALSE(bearer.empty());
  auto key = As(bearer, "POST", "/v1/api-keys",
                nlohmann::json{{"name", "log"}, {"scopes", {"read"}}}.dump());
  ASSERT_EQ(key.status, 201) << key.body;
  const std::string secret = nlohmann::json::parse(key.body).at("key");
  ASSERT_EQ(As("ApiKey " + secret, "GET", "/v1/me").status, 200);
  ASSERT_EQ(As(bearer, "GET", "/v1/me", "", {{"X-Request-Id", "log-last-" + token_}}).status, 200);
  ASSERT_TRUE(Eventually([&] { return LinesOf("log-last-" + token_).size() == 1; }, 5s, 20ms));

  const std::string log = system_->gateway().LogTail(8 << 20);
  EXPECT_EQ(log.find(password), std::string::npos) << "the password is in the log";
  EXPECT_EQ(log.find(bearer.substr(7)), std::string::npos) << "a token is in the log";
  EXPECT_EQ(log.find(secret), std::string::npos) << "an API key is in the log";
  EXPECT_EQ(log.find("Log " + token_), std::string::npos) << "a body is in the log";
}

}  // namespace
}  // namespace iris::testing
