// Issue 12's first wall, replayed through the gateway: a wrong type or enum word used to hide
// every other error of a body (the gateway stopped before the service's rules), so a form needed
// one round trip per kind of error. Now the gateway's field errors and the service's rule errors
// come in one answer (services/gateway/routes/body_errors.hpp), and nothing is written.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_suite.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;

class EveryErrorE2eTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() { Start("Every"); }
  static void TearDownTestSuite() { Stop(); }
  static size_t CountNamed(const std::string& name) {
    auto r = As(admin_, "GET", "/v1/organizations?q=" + name);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).at("items").size();
  }
};

// The example: `kind: "ngo"` named only kind; the bad target group and website came
// after the fix.
TEST_F(EveryErrorE2eTest, AnUnknownEnumWordAndRuleErrorsComeInOneAnswer) {
  const std::string name = "Round" + token_;
  auto r = As(admin_, "POST", "/v1/organizations",
              json{{"name", name},
                   {"country", "RS"},
                   {"kind", "ngo"},
                   {"target_groups", {"roma", "kids"}},
                   {"website", "not a url"}}
                  .dump());
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(FieldsOf(r), (std::set<std::string>{"kind", "target_groups[1]", "website"})) << r.body;
  EXPECT_EQ(json::parse(r.body).value("type", ""), "/problems/validation");
  EXPECT_EQ(CountNamed(name), 0u) << "a dry run wrote the organisation";
  // The search does find a name that was written: the zero above means something.
  EXPECT_EQ(CountNamed(token_), 1u);
}

// A body whose only error is a type error is otherwise valid: the service's dry run passes and
// must not leave the organisation behind.
TEST_F(EveryErrorE2eTest, ADryRunThatPassesWritesNothing) {
  const std::string name = "Dry" + token_;
  auto r =
      As(admin_, "POST", "/v1/organizations",
         json{{"name", name}, {"country", "RS"}, {"kind", "member_cso"}, {"acronym", 5}}.dump());
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(FieldsOf(r), std::set<std::string>{"acronym"}) << r.body;
  EXPECT_EQ(CountNamed(name), 0u);

  const std::string path = "/v1/organizations/" + org_;
  const auto before = json::parse(As(admin_, "GET", path).body);
  auto patch = As(admin_, "PATCH", path, json{{"city", "Niš"}, {"acronym", 7}}.dump());
  EXPECT_EQ(patch.status, 422) << patch.body;
  EXPECT_EQ(json::parse(As(admin_, "GET", path).body), before) << "a dry run changed it";
}

// A field left out for a type error is not "required" to the service: one error per field.
TEST_F(EveryErrorE2eTest, ALeftOutFieldIsNotAlsoReportedMissing) {
  auto r =
      As(admin_, "POST", "/v1/organizations",
         json{{"name", 42}, {"country", "RS"}, {"kind", "member_cso"}, {"email", "nope"}}.dump());
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(FieldsOf(r), (std::set<std::string>{"name", "email"})) << r.body;
  auto body = json::parse(r.body);
  for (const auto& e : body["errors"]) {
    if (e["field"] == "name") {
      EXPECT_EQ(e["message"], "must be a string") << r.body;
    }
  }
}

// Control characters (found while parsing) and a rule of the service, nested: one answer, and
// the element notation is the same on both sides.
TEST_F(EveryErrorE2eTest, ControlCharactersAndNestedRulesComeTogether) {
  const json application = {{"organization",
                             {{"name", std::string("Bad\x01name", 8)},
                              {"country", "RS"},
                              {"target_groups", {"roma", "kids"}}}},
                            {"contact", {{"name", "Amra"}, {"email", "nope"}}},
                            {"motivation", 5}};
  auto r = As("", "POST", "/v1/membership-applications", application.dump());
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(FieldsOf(r), (std::set<std::string>{"organization.name", "motivation",
                                                "organization.target_groups[1]", "contact.email"}))
      << r.body;
}

// A wrong enum word inside a nested object drops that field only: the rest of the object is
// still checked by the service.
TEST_F(EveryErrorE2eTest, ANestedTypeErrorKeepsItsSiblingsChecked) {
  const json application = {{"organization",
                             {{"name", "Nested " + token_},
                              {"country", "RS"},
                              {"kind", "ngo"},
                              {"website", "not a url"},
                              {"target_groups", {"kids"}}}},
                            {"contact", {{"name", "Amra"}, {"email", "amra@example.org"}}},
                            {"motivation", "We support Roma children."}};
  auto r = As("", "POST", "/v1/membership-applications", application.dump());
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(FieldsOf(r), (std::set<std::string>{"organization.kind", "organization.website",
                                                "organization.target_groups[0]"}))
      << r.body;
}

// What the service decides before the body (who, which resource, which version) wins: no body
// fix changes it.
TEST_F(EveryErrorE2eTest, NotFoundAndStaleVersionWinOverFieldErrors) {
  auto missing = As(admin_, "PATCH", "/v1/organizations/00000000-0000-4000-8000-000000000000",
                    json{{"kind", "ngo"}}.dump());
  EXPECT_EQ(missing.status, 404) << missing.body;
  auto stale = As(admin_, "PATCH", "/v1/organizations/" + org_, json{{"kind", "ngo"}}.dump(),
                  {{"If-Match", "\"999\""}});
  EXPECT_EQ(stale.status, 412) << stale.body;
}

}  // namespace
}  // namespace iris::testing
