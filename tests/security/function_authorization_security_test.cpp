// OWASP API5:2023 Broken Function Level Authorization: every operation of the served contract
// called by every kind of caller that may not call it. The table below states who may call
// each operation (the gateway's coarse Access of services/gateway/routes/*.cpp; object rules
// are API1's); an operation the contract gains without a row here fails the first test, so a
// new route cannot ship without its function-level rule being stated and attacked.
// The applications and accounts suites try a member on three staff routes; these try all of
// them, as anonymous callers, members, partners, reviewers, coordinators and API keys, plus
// the spellings and method overrides that might route around the table.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_suite.hpp"
#include "tests/security/security_support.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;

enum class Who { kAnyone, kSignedIn, kStaff, kNetworkAdmin };

// Who may call each documented operation at all.
const std::map<std::string, Who>& Rules() {
  static const auto* rules = new std::map<std::string, Who>{
      {"GET /healthz", Who::kAnyone},
      {"GET /readyz", Who::kAnyone},
      {"GET /v1/openapi.json", Who::kAnyone},
      {"GET /docs", Who::kAnyone},
      {"GET /docs/{asset}", Who::kAnyone},
      {"GET /problems", Who::kAnyone},
      {"GET /problems/{name}", Who::kAnyone},
      {"GET /v1/countries", Who::kAnyone},
      {"GET /v1/target-groups", Who::kAnyone},
      {"GET /v1/languages", Who::kAnyone},
      {"GET /v1/networks", Who::kAnyone},
      {"GET /v1/networks/{country}", Who::kAnyone},
      {"GET /v1/organizations", Who::kAnyone},
      {"POST /v1/organizations", Who::kStaff},
      {"GET /v1/organizations/{id}", Who::kAnyone},
      {"PATCH /v1/organizations/{id}", Who::kSignedIn},
      {"POST /v1/organizations/{id}/suspend", Who::kStaff},
      {"POST /v1/organizations/{id}/reinstate", Who::kStaff},
      {"POST /v1/organizations/{id}/withdraw", Who::kStaff},
      {"POST /v1/auth/token", Who::kAnyone},
      {"POST /v1/auth/refresh", Who::kAnyone},
      {"POST /v1/auth/logout", Who::kAnyone},
      {"GET /v1/me", Who::kSignedIn},
      {"GET /v1/users", Who::kNetworkAdmin},
      {"POST /v1/users", Who::kStaff},  // coordinators: members of their country (membership)
      {"POST /v1/users/{id}/disable", Who::kNetworkAdmin},
      {"POST /v1/users/{id}/enable", Who::kNetworkAdmin},
      {"POST /v1/me/password", Who::kSignedIn},
      {"GET /v1/audit-events", Who::kNetworkAdmin},
      {"GET /v1/users/{id}", Who::kSignedIn},
      {"GET /v1/api-keys", Who::kSignedIn},
      {"POST /v1/api-keys", Who::kSignedIn},
      {"DELETE /v1/api-keys/{id}", Who::kSignedIn},
      {"GET /v1/organizations/{id}/people", Who::kSignedIn},
      {"POST /v1/organizations/{id}/people", Who::kSignedIn},
      {"GET /v1/people/{id}", Who::kSignedIn},
      {"PATCH /v1/people/{id}", Who::kSignedIn},
      {"DELETE /v1/people/{id}", Who::kSignedIn},
      {"GET /v1/people/{id}/export", Who::kSignedIn},
      {"GET /v1/services", Who::kAnyone},
      {"GET /v1/organizations/{id}/services", Who::kAnyone},
      {"POST /v1/organizations/{id}/services", Who::kSignedIn},
      {"GET /v1/organizations/{id}/services/{service_id}", Who::kAnyone},
      {"PATCH /v1/organizations/{id}/services/{service_id}", Who::kSignedIn},
      {"DELETE /v1/organizations/{id}/services/{service_id}", Who::kSignedIn},
      {"GET /v1/service-categories", Who::kAnyone},
      {"GET /v1/membership-applications", Who::kStaff},
      {"POST /v1/membership-applications", Who::kAnyone},
      {"GET /v1/membership-applications/{id}", Who::kStaff},
      {"GET /v1/application-status/{token}", Who::kAnyone},
      {"POST /v1/membership-applications/{id}/approve", Who::kStaff},
      {"POST /v1/membership-applications/{id}/reject", Who::kStaff},
      // Grant applications: object rules (own organisation, assigned reviewer, country) in grants.
      {"GET /v1/grant-calls/{id}/applications", Who::kSignedIn},
      {"POST /v1/grant-calls/{id}/applications", Who::kSignedIn},  // members (grants)
      {"GET /v1/grant-applications/{id}", Who::kSignedIn},
      {"PATCH /v1/grant-applications/{id}", Who::kSignedIn},
      {"POST /v1/grant-applications/{id}/submit", Who::kSignedIn},
      {"POST /v1/grant-applications/{id}/withdraw", Who::kSignedIn},
      {"POST /v1/grant-applications/{id}/reject", Who::kNetworkAdmin},
      {"GET /v1/grant-applications/{id}/reviewers", Who::kSignedIn},  // staff (grants)
      {"POST /v1/grant-applications/{id}/reviewers", Who::kNetworkAdmin},
      {"GET /v1/grant-applications/{id}/reviews", Who::kSignedIn},
      {"POST /v1/grant-applications/{id}/reviews", Who::kSignedIn},  // assigned reviewers
      {"GET /v1/grant-calls/{id}/ranking", Who::kStaff},
      // Grant calls: public reads of calls that are not drafts; network admins manage.
      {"GET /v1/grant-calls", Who::kAnyone},
      {"POST /v1/grant-calls", Who::kNetworkAdmin},
      {"GET /v1/grant-calls/{id}", Who::kAnyone},
      {"PATCH /v1/grant-calls/{id}", Who::kNetworkAdmin},
      {"POST /v1/grant-calls/{id}/open", Who::kNetworkAdmin},
      {"POST /v1/grant-calls/{id}/close", Who::kNetworkAdmin},
      {"POST /v1/grant-calls/{id}/finalize", Who::kNetworkAdmin},
      {"POST /v1/grant-calls/{id}/archive", Who::kNetworkAdmin},
      // Grants awarded are open data; tranches and reports: staff and the grantee (grants).
      {"POST /v1/grant-applications/{id}/award", Who::kNetworkAdmin},
      {"GET /v1/grants", Who::kAnyone},
      {"GET /v1/grants/{id}", Who::kAnyone},
      {"GET /v1/grants/{id}/tranches", Who::kSignedIn},
      {"POST /v1/grants/{id}/tranches", Who::kNetworkAdmin},
      {"POST /v1/tranches/{id}/pay", Who::kNetworkAdmin},
      {"POST /v1/tranches/{id}/cancel", Who::kNetworkAdmin},
      {"GET /v1/grants/{id}/reports", Who::kSignedIn},
      {"POST /v1/grants/{id}/reports", Who::kSignedIn},  // the grantee's members (grants)
      {"GET /v1/grant-reports/{id}", Who::kSignedIn},
      {"PATCH /v1/grant-reports/{id}", Who::kSignedIn},
      {"POST /v1/grant-reports/{id}/submit", Who::kSignedIn},
      {"POST /v1/grant-reports/{id}/accept", Who::kNetworkAdmin},
      {"POST /v1/grant-reports/{id}/return", Who::kNetworkAdmin},
      // The scheme's figures and open data: public.
      {"GET /v1/grant-calls/{id}/stats", Who::kAnyone},
      {"GET /v1/grant-stats", Who::kAnyone},
      {"GET /v1/open-data/360giving.json", Who::kAnyone},
      {"GET /v1/open-data/360giving.csv", Who::kAnyone},
      // Programmes: staff and members read (events: partners, their keys and reviewers 403),
      // staff create; placements: staff of the placement's country manage, the organisation's
      // members read them and log and list sessions (events: 404 to the rest).
      {"GET /v1/programmes", Who::kSignedIn},  // staff and members (events)
      {"POST /v1/programmes", Who::kStaff},
      {"GET /v1/programmes/{id}", Who::kSignedIn},             // staff and members (events)
      {"GET /v1/programmes/{id}/placements", Who::kSignedIn},  // staff and members (events)
      {"POST /v1/programmes/{id}/placements", Who::kStaff},    // coordinators: their country
      {"GET /v1/placements/{id}", Who::kSignedIn},
      {"PATCH /v1/placements/{id}", Who::kStaff},
      {"GET /v1/placements/{id}/sessions", Who::kSignedIn},
      {"POST /v1/placements/{id}/sessions", Who::kSignedIn},
      // Events: anyone reads what is not a draft (drafts are 404 to all but their managers),
      // the sessions and the calendar; staff (coordinators in their country: events decides)
      // create, change and move events and add sessions.
      {"GET /v1/events", Who::kAnyone},
      {"POST /v1/events", Who::kStaff},
      {"GET /v1/events/{id}", Who::kAnyone},
      {"PATCH /v1/events/{id}", Who::kStaff},
      {"POST /v1/events/{id}/publish", Who::kStaff},
      {"POST /v1/events/{id}/cancel", Who::kStaff},
      {"POST /v1/events/{id}/complete", Who::kStaff},
      {"GET /v1/events/{id}/sessions", Who::kAnyone},
      {"POST /v1/events/{id}/sessions", Who::kStaff},
      {"GET /v1/calendar.ics", Who::kAnyone},
      // Registrations: anyone registers for a public event (events decides by audience);
      // staff select, waitlist, reject and record attendance; the registration's organisation
      // or staff confirm and cancel; certificates are verified by anyone.
      {"GET /v1/events/{id}/registrations", Who::kSignedIn},
      {"POST /v1/events/{id}/registrations", Who::kAnyone},
      {"GET /v1/registrations/{id}", Who::kSignedIn},
      {"POST /v1/registrations/{id}/select", Who::kStaff},
      {"POST /v1/registrations/{id}/waitlist", Who::kStaff},
      {"POST /v1/registrations/{id}/reject", Who::kStaff},
      {"POST /v1/registrations/{id}/confirm", Who::kSignedIn},
      {"POST /v1/registrations/{id}/cancel", Who::kSignedIn},
      {"POST /v1/registrations/{id}/attendance", Who::kStaff},
      {"GET /v1/certificates/{code}", Who::kAnyone},
      // Documents: anyone reads what is published or archived (drafts and documents in review
      // are 404 to all but their organisations' members and the staff who may edit them:
      // documents decides); members of its organisations and staff draft, edit, version,
      // upload and submit; network admins and the coordinator of its country publish and
      // archive. Campaigns: public reads; staff create and edit (coordinators: national ones
      // of their country, documents decides).
      {"GET /v1/documents", Who::kAnyone},
      {"POST /v1/documents", Who::kSignedIn},  // members and staff (documents: others 403)
      {"GET /v1/documents/{id}", Who::kAnyone},
      {"PATCH /v1/documents/{id}", Who::kSignedIn},
      {"POST /v1/documents/{id}/submit", Who::kSignedIn},
      {"POST /v1/documents/{id}/publish", Who::kStaff},
      {"POST /v1/documents/{id}/archive", Who::kStaff},
      {"GET /v1/documents/{id}/versions", Who::kAnyone},
      {"POST /v1/documents/{id}/versions", Who::kSignedIn},
      {"GET /v1/documents/{id}/versions/{n}", Who::kAnyone},
      {"PUT /v1/documents/{id}/versions/{n}/files/{name}", Who::kSignedIn},
      {"GET /v1/documents/{id}/versions/{n}/files/{name}", Who::kAnyone},
      {"GET /v1/campaigns", Who::kAnyone},
      {"POST /v1/campaigns", Who::kStaff},
      {"GET /v1/campaigns/{id}", Who::kAnyone},
      {"PATCH /v1/campaigns/{id}", Who::kStaff},
      // Notifications: each person's own inbox and subscriptions; topics are public; the
      // change feed is for partners and staff (members and reviewers 403: notifications).
      {"GET /v1/me/inbox", Who::kSignedIn},
      {"POST /v1/me/inbox/{id}/read", Who::kSignedIn},
      {"GET /v1/me/subscriptions", Who::kSignedIn},
      {"PUT /v1/me/subscriptions", Who::kSignedIn},
      {"GET /v1/topics", Who::kAnyone},
      {"GET /v1/changes", Who::kSignedIn},
      // Webhooks: partners their own endpoints, network admins every one (the service's rule:
      // other roles 403 there); API keys need webhooks:manage.
      {"GET /v1/webhooks", Who::kSignedIn},
      {"POST /v1/webhooks", Who::kSignedIn},
      {"GET /v1/webhooks/{id}", Who::kSignedIn},
      {"PATCH /v1/webhooks/{id}", Who::kSignedIn},
      {"DELETE /v1/webhooks/{id}", Who::kSignedIn},
      {"POST /v1/webhooks/{id}/rotate-secret", Who::kSignedIn},
      {"GET /v1/webhooks/{id}/deliveries", Who::kSignedIn},
      {"POST /v1/webhooks/{id}/replay", Who::kSignedIn},
      {"POST /v1/webhook-deliveries/{id}/retry", Who::kSignedIn},
  };
  return *rules;
}

// A UUID of nothing: the coarse check must refuse before any object is looked up.
constexpr const char* kAnyId = "00000000-0000-4000-8000-0000000000f5";

class FunctionAuthorizationSecurityTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    Start("Functions");
    api_ = new OpenApi(OpenApi::Served(*system_));
    member_ = SignedIn("member", {{"organization_id", org_}}, "m");
    partner_ = SignedIn("partner", json::object(), "p");
    reviewer_ = SignedIn("reviewer", json::object(), "r");
    coordinator_ = SignedIn("national_coordinator", {{"country", "RS"}}, "c");
    member_write_key_ = Key(member_, "write");
    coordinator_write_key_ = Key(coordinator_, "write");
    admin_read_key_ = Key(admin_, "read");
  }
  static void TearDownTestSuite() {
    delete api_;
    api_ = nullptr;
    Stop();
  }

  static std::string Key(const std::string& owner, const std::string& scope) {
    auto r = As(owner, "POST", "/v1/api-keys",
                json{{"name", scope + " " + token_}, {"scopes", {scope}}}.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return "ApiKey " + json::parse(r.body, nullptr, false).value("key", "");
  }
  // `op` called by `who` with ids of nothing and a body of `{}`: refused with `status` and
  // `type`, before any object or body is looked at.
  static void ExpectRefused(const std::string& who, const std::string& role, const Operation& op,
                            long status, const std::string& type) {
    auto r = As(who, op.method, FillPath(op.path, kAnyId), op.has_body ? "{}" : "");
    EXPECT_EQ(r.status, status) << role << " " << op.Name() << ": " << r.body;
    EXPECT_EQ(json::parse(r.body, nullptr, false).value("type", ""), type)
        << role << " " << op.Name();
  }
  static std::vector<Operation> WithRule(std::set<Who> who) {
    std::vector<Operation> out;
    for (const auto& op : api_->operations()) {
      auto it = Rules().find(op.Name());
      if (it != Rules().end() && who.count(it->second)) out.push_back(op);
    }
    return out;
  }

  static inline OpenApi* api_ = nullptr;
  static inline std::string member_, partner_, reviewer_, coordinator_, member_write_key_,
      coordinator_write_key_, admin_read_key_;
};

TEST_F(FunctionAuthorizationSecurityTest, EveryDocumentedOperationHasItsRuleStatedHere) {
  std::set<std::string> documented;
  for (const auto& op : api_->operations()) {
    documented.insert(op.Name());
    EXPECT_TRUE(Rules().count(op.Name()))
        << op.Name() << " is documented but has no function-level rule in this test: add one";
    // The contract's security requirement says the same as the rule.
    if (Rules().count(op.Name())) {
      EXPECT_EQ(op.needs_credentials, Rules().at(op.Name()) != Who::kAnyone) << op.Name();
    }
  }
  for (const auto& [name, who] : Rules()) {
    EXPECT_TRUE(documented.count(name)) << name << " is no longer documented: drop its rule";
  }
  EXPECT_GE(documented.size(), 40u);
}

TEST_F(FunctionAuthorizationSecurityTest, AnonymousCallersAre401OnEveryOperationNeedingAnAccount) {
  const auto ops = WithRule({Who::kSignedIn, Who::kStaff, Who::kNetworkAdmin});
  ASSERT_FALSE(ops.empty());
  for (const auto& op : ops) ExpectRefused("", "anonymous", op, 401, "/problems/unauthenticated");
}

TEST_F(FunctionAuthorizationSecurityTest, NonStaffRolesAre403OnEveryStaffOperation) {
  const auto ops = WithRule({Who::kStaff, Who::kNetworkAdmin});
  ASSERT_GE(ops.size(), 9u);
  const std::vector<std::pair<std::string, std::string>> callers = {
      {"member", member_},
      {"partner", partner_},
      {"reviewer", reviewer_},
      {"member's write key", member_write_key_}};
  for (const auto& [role, who] : callers) {
    for (const auto& op : ops) ExpectRefused(who, role, op, 403, "/problems/forbidden");
  }
}

TEST_F(FunctionAuthorizationSecurityTest, CoordinatorsAre403OnEveryNetworkAdminOperation) {
  const auto ops = WithRule({Who::kNetworkAdmin});
  ASSERT_GE(ops.size(), 2u);
  for (const std::string& who : {coordinator_, coordinator_write_key_}) {
    for (const auto& op : ops) ExpectRefused(who, "coordinator", op, 403, "/problems/forbidden");
  }
}

// API.md: a read key is GET only, whatever its user may do; an admin's included.
TEST_F(FunctionAuthorizationSecurityTest, AReadKeyIsRefusedEveryOperationThatIsNotARead) {
  int writes = 0;
  for (const auto& op : api_->operations()) {
    if (op.method == "GET") continue;
    ExpectRefused(admin_read_key_, "admin's read key", op, 403, "/problems/insufficient_scope");
    ++writes;
  }
  EXPECT_GE(writes, 20);
  EXPECT_EQ(As(admin_read_key_, "GET", "/v1/users?limit=1").status, 200) << "the control";
}

// Spellings of an admin-only path that a router might normalise differently from the access
// check: each either reaches the same route (and its 403) or no route at all (404).
TEST_F(FunctionAuthorizationSecurityTest, OtherSpellingsOfAnAdminPathDoNotGetAroundItsRule) {
  // Empty segments and escapes of plain letters reach /v1/users itself (its 403); anything
  // else is another path, which does not exist (404).
  const std::vector<std::pair<std::string, long>> spellings = {{"/v1/users/", 403},
                                                               {"//v1/users", 403},
                                                               {"/v1//users", 403},
                                                               {"/v1/users//", 403},
                                                               {"/v1/%75sers", 403},
                                                               {"/v1/user%73", 403},
                                                               {"/v1/users?role=member", 403},
                                                               {"/V1/users", 404},
                                                               {"/v1/USERS", 404},
                                                               {"/v1/users;x=1", 404},
                                                               {"/v1/./users", 404},
                                                               {"/./v1/users", 404},
                                                               {"/v1/me/../users", 404},
                                                               {"/v1/users%2F", 404},
                                                               {"/v1/users%20", 404},
                                                               {"/v1/users.json", 404}};
  for (const auto& [path, status] : spellings) {
    for (const char* method : {"GET", "HEAD", "POST"}) {
      // Raw bytes: curl would squash the dot segments before sending them.
      const bool post = std::string(method) == "POST";
      Headers headers = {{"Authorization", member_}};
      if (post) headers.push_back({"Content-Type", "application/json"});
      auto r = SendRaw(system_->http_port(), RawRequest(method, path, headers, post ? "{}" : ""));
      EXPECT_EQ(r.status, status) << method << " " << path << ": " << r.body;
    }
  }
}

// X-HTTP-Method-Override and friends are not honoured: a read stays a read, so a read key or a
// GET-only caller cannot turn it into a write.
TEST_F(FunctionAuthorizationSecurityTest, MethodOverrideHeadersAreIgnored) {
  auto person = As(admin_, "POST", "/v1/organizations/" + org_ + "/people",
                   json{{"name", "Overridden " + token_}}.dump());
  ASSERT_EQ(person.status, 201) << person.body;
  const std::string path = "/v1/people/" + json::parse(person.body).value("id", "");
  const std::string read_key = Key(member_, "read");
  for (const char* header : {"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"}) {
    auto r = As(read_key, "GET", path, "", {{header, "DELETE"}});
    EXPECT_EQ(r.status, 200) << header << ": " << r.body;
    auto post = As(member_, "POST", "/v1/users", "{}", {{header, "GET"}});
    EXPECT_EQ(post.status, 403) << header << ": " << post.body;
  }
  EXPECT_EQ(As(admin_, "GET", path).status, 200) << "the person was deleted";
}

}  // namespace
}  // namespace iris::testing
