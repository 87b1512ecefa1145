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

#include <functional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/e2e/api_client.hpp"
#include "tests/e2e/system.hpp"
#include "tests/support/http_client.hpp"

namespace iris::testing {

class E2eSuite : public ::testing::Test {
 protected:
  // Starts the system and signs the admin in; no organisation of the suite's own.
  static void StartSystem(std::vector<std::pair<std::string, std::string>> gateway_env = {}) {
    system_ = new System(std::move(gateway_env));
    token_ = UniqueToken();
    admin_ = ApiClient(*system_).AdminAuthorization();
    ASSERT_FALSE(admin_.empty());
  }
  // StartSystem, then registers "<name_prefix> <token>" (RS, member_cso) as org_.
  static void Start(const std::string& name_prefix,
                    std::vector<std::pair<std::string, std::string>> gateway_env = {}) {
    StartSystem(std::move(gateway_env));
    org_ = CreateOrg(name_prefix + " " + token_, "RS");
    ASSERT_FALSE(org_.empty());
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
  // A member CSO named `name` in `country`, created by the admin; its id ("" and a test failure
  // when refused).
  static std::string CreateOrg(const std::string& name, const std::string& country) {
    auto r =
        As(admin_, "POST", "/v1/organizations",
           nlohmann::json{{"name", name}, {"country", country}, {"kind", "member_cso"}}.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    const auto body = nlohmann::json::parse(r.body, nullptr, false);
    return body.is_object() ? body.value("id", "") : "";
  }
  // A new account with `role` (and `extra` fields: organization_id, country), signed in; its
  // Authorization header value. `tag` keeps the e-mail addresses of one suite apart.
  static std::string SignedIn(const std::string& role, const nlohmann::json& extra,
                              const std::string& tag) {
    return ApiClient(*system_).CreateUserAndSignIn(admin_, role, extra, tag + "." + token_);
  }
  // A problem+json answer with `status` and, when `field` is given, an error on it.
  static void ExpectProblem(const HttpResult& r, long status, const std::string& field = "") {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.Header("content-type"), "application/problem+json");
    if (!field.empty()) {
      EXPECT_TRUE(FieldsOf(r).count(field)) << field << " not in " << r.body;
    }
  }
  // An answer's body as JSON (discarded, not thrown, when it is none).
  static nlohmann::json Parse(const HttpResult& r) {
    return nlohmann::json::parse(r.body, nullptr, false);
  }
  // A problem answer's `type` ("" otherwise).
  static std::string Type(const HttpResult& r) {
    const auto body = Parse(r);
    return body.is_object() ? body.value("type", "") : "";
  }
  // POST `body` to the list at `path` as `who`, expecting 201; the created resource.
  static nlohmann::json CreatedAt(const std::string& who, const std::string& path,
                                  const nlohmann::json& body) {
    auto r = As(who, "POST", path, body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return Parse(r);
  }
  // POST <resource>/<verb> (a state change) as `who`, with If-Match when `if_match` is given.
  static HttpResult PostVerb(const std::string& who, const std::string& resource,
                             const std::string& verb, const std::string& if_match = "") {
    Headers headers;
    if (!if_match.empty()) headers.emplace_back("If-Match", if_match);
    return As(who, "POST", resource + "/" + verb, "", headers);
  }
  // Calls `visit` with every item of the list at `path` (a query of its own allowed), page by
  // page along next_cursor, as `who`, until `visit` returns true; whether it did. Suites share
  // the database, so a test's own items may be pages away from the first.
  static bool AnyItem(const std::string& who, const std::string& path,
                      const std::function<bool(const nlohmann::json&)>& visit) {
    const std::string first = path + (path.find('?') == std::string::npos ? "?" : "&");
    std::string next = path;
    for (int guard = 0; guard < 100; ++guard) {
      auto r = As(who, "GET", next);
      EXPECT_EQ(r.status, 200) << next << ": " << r.body;
      const auto page = Parse(r);
      if (!page.is_object()) return false;
      for (const auto& item : page.value("items", nlohmann::json::array())) {
        if (visit(item)) return true;
      }
      if (!page["next_cursor"].is_string()) return false;
      next = first + "cursor=" + UrlEncode(page["next_cursor"].get<std::string>());
    }
    ADD_FAILURE() << path << ": more than 100 pages";
    return false;
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
