// The fixture most end-to-end suites need: the whole system started once per suite, the
// admin signed in, one organisation of the suite's own (a unique name, so suites sharing a
// database never see each other's rows), and the calls and readers every suite uses.
//
//   class MyE2eTest : public E2eSuite {
//    protected:
//     static void SetUpTestSuite() { Start("My"); }
//     static void TearDownTestSuite() { Stop(); }
//   };
#pragma once

#include <gtest/gtest.h>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/e2e/api_client.hpp"
#include "tests/e2e/system.hpp"
#include "tests/support/http_client.hpp"

namespace iris::testing {

class E2eSuite : public ::testing::Test {
 protected:
  // Starts the system and registers "<name_prefix> <token>" (RS, member_cso) as org_.
  static void Start(const std::string& name_prefix) {
    system_ = new System();
    token_ = UniqueToken();
    admin_ = ApiClient(*system_).AdminAuthorization();
    ASSERT_FALSE(admin_.empty());
    auto r = As(admin_, "POST", "/v1/organizations",
                nlohmann::json{
                    {"name", name_prefix + " " + token_}, {"country", "RS"}, {"kind", "member_cso"}}
                    .dump());
    ASSERT_EQ(r.status, 201) << r.body;
    org_ = nlohmann::json::parse(r.body).value("id", "");
  }
  static void Stop() {
    delete system_;
    system_ = nullptr;
  }

  static HttpResult As(const std::string& authorization, const std::string& method,
                       const std::string& path, const std::string& body = "",
                       Headers headers = {}) {
    return ApiClient(*system_).As(authorization, method, path, body, std::move(headers));
  }
  // The `field` of each entry of a problem's errors[].
  static std::set<std::string> FieldsOf(const HttpResult& r) {
    std::set<std::string> fields;
    const auto body = nlohmann::json::parse(r.body, nullptr, false);
    for (const auto& e : body.value("errors", nlohmann::json::array())) {
      fields.insert(e.value("field", ""));
    }
    return fields;
  }

  static inline System* system_ = nullptr;
  static inline std::string token_, admin_, org_;
};

}  // namespace iris::testing
