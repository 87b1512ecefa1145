// OWASP API7:2023 Server Side Request Forgery and API9:2023 Improper Inventory Management, both
// read off the served contract.
// API7: no operation takes a URL that the server fetches yet (webhooks come with issue 16). The
// first test fails as soon as a request field that looks like one appears, so it cannot ship
// without SSRF tests (API.md: webhook URLs must be http(s) and resolve to public addresses).
// API9: what the gateway answers is what docs/openapi.yaml lists. openapi_routes_test checks
// the route table against the document both ways; here the running gateway is asked: every
// documented path answers exactly its documented methods, undocumented paths (old versions,
// debug and admin consoles, files) are 404 problems, metrics live on their own port.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "tests/e2e/e2e_suite.hpp"
#include "tests/security/security_support.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;

// Request fields reviewed for SSRF: stored and shown to readers, never fetched by any service
// (grep services/ for an HTTP client: there is none). A new entry needs that review again.
const std::set<std::string>& ReviewedUrlFields() {
  static const auto* fields = new std::set<std::string>{
      "POST /v1/organizations website", "POST /v1/organizations logo_url",
      "PATCH /v1/organizations/{id} website", "PATCH /v1/organizations/{id} logo_url",
      "POST /v1/membership-applications organization.website",
      "POST /v1/membership-applications organization.logo_url",
      // Fetched by notifications: every resolved address checked at
      // create, update and each attempt, pinned, no redirects
      // (webhook_rules_test, notifications_webhooks_e2e_test).
      "POST /v1/webhooks url", "PATCH /v1/webhooks/{id} url",
      // Never fetched: an event's online_url is stored and shown (an https address, checked as
      // such: event_test), and host_organization_id is an organisation's id, asked of
      // membership by id, not an address.
      "POST /v1/events online_url", "PATCH /v1/events/{id} online_url",
      "POST /v1/events host_organization_id", "PATCH /v1/events/{id} host_organization_id",
      // Never fetched: a traineeship's host_organization is the free-text name of the (EU)
      // organisation hosting the trainee, not an address.
      "POST /v1/programmes/{id}/placements host_organization",
      "PATCH /v1/placements/{id} host_organization"};
  return *fields;
}

// Every property path of `schema` (objects, arrays, allOf/anyOf/oneOf), as "a.b".
void CollectProperties(const OpenApi& api, const json& node, const std::string& path,
                       std::vector<std::pair<std::string, json>>& out, int depth = 0) {
  const json& schema = api.Resolve(node);
  if (!schema.is_object() || depth > 12) return;
  for (const char* group : {"allOf", "anyOf", "oneOf"}) {
    for (const auto& part : schema.value(group, json::array())) {
      CollectProperties(api, part, path, out, depth + 1);
    }
  }
  if (schema.contains("items")) CollectProperties(api, schema["items"], path, out, depth + 1);
  const json properties = schema.value("properties", json::object());
  for (const auto& [name, property] : properties.items()) {
    const std::string at = path.empty() ? name : path + "." + name;
    out.emplace_back(at, api.Resolve(property));
    CollectProperties(api, property, at, out, depth + 1);
  }
}

class InventorySecurityTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    Start("Inventory");
    api_ = new OpenApi(OpenApi::Served(*system_));
  }
  static void TearDownTestSuite() {
    delete api_;
    api_ = nullptr;
    Stop();
  }
  static inline OpenApi* api_ = nullptr;
};

TEST_F(InventorySecurityTest, NoRequestFieldTakesAUrlTheServerWouldFetch) {
  static const std::regex kUrlName("url|uri|href|link|callback|webhook|endpoint|redirect|host",
                                   std::regex::icase);
  std::set<std::string> found;
  int bodies = 0;
  for (const Operation& op : api_->operations()) {
    if (op.request_schema.is_null()) continue;
    ++bodies;
    std::vector<std::pair<std::string, json>> properties;
    CollectProperties(*api_, op.request_schema, "", properties);
    for (const auto& [path, schema] : properties) {
      const std::string name = path.substr(path.rfind('.') + 1);
      const std::string format = absl::AsciiStrToLower(schema.value("format", ""));
      if (std::regex_search(name, kUrlName) || format == "uri" || format == "url" ||
          format == "iri" || format == "uri-reference") {
        found.insert(op.Name() + " " + path);
      }
    }
  }
  EXPECT_GE(bodies, 10);
  std::vector<std::string> unreviewed;
  for (const auto& f : found) {
    if (!ReviewedUrlFields().count(f)) unreviewed.push_back(f);
  }
  EXPECT_TRUE(unreviewed.empty())
      << "request fields that take a URL, not reviewed for SSRF (add tests that the server "
         "refuses private, loopback, link-local and metadata addresses and redirects to them, "
         "then list the field in ReviewedUrlFields): "
      << absl::StrJoin(unreviewed, "; ");
}

// The stored URLs a page shows: only web addresses, so no reader's browser is sent to a
// script or a file by a link the API handed out.
TEST_F(InventorySecurityTest, UrlFieldsHoldOnlyWebAddresses) {
  const std::string org = "/v1/organizations/" + org_;
  for (const char* url :
       {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd", "gopher://127.0.0.1:6379/_INFO", "//evil.example.org",
        "vbscript:msgbox(1)", " javascript:alert(1)"}) {
    for (const char* field : {"website", "logo_url"}) {
      auto r = As(admin_, "PATCH", org, json{{field, url}}.dump());
      ExpectProblem(r, 422, field);
    }
  }
  auto stored = json::parse(As(admin_, "GET", org).body);
  EXPECT_TRUE(stored["website"].is_null()) << stored.dump();
  EXPECT_TRUE(stored["logo_url"].is_null()) << stored.dump();
}

TEST_F(InventorySecurityTest, EveryDocumentedPathAnswersExactlyItsDocumentedMethods) {
  std::map<std::string, std::set<std::string>> methods;
  for (const Operation& op : api_->operations()) methods[op.path].insert(op.method);
  ASSERT_GE(methods.size(), 30u);
  static const std::vector<std::string> kAll = {"GET", "POST", "PUT", "PATCH", "DELETE"};
  for (const auto& [path, documented] : methods) {
    std::set<std::string> allowed = documented;
    if (documented.count("GET")) allowed.insert("HEAD");
    for (const auto& method : kAll) {
      if (documented.count(method)) continue;
      auto r = As(admin_, method, FillPath(path, org_), method == "GET" ? "" : "{}");
      ExpectProblem(r, 405);
      std::set<std::string> answered;
      for (absl::string_view m : absl::StrSplit(r.Header("allow"), ", ")) {
        answered.insert(std::string(m));
      }
      EXPECT_EQ(answered, allowed) << method << " " << path;
    }
  }
}

TEST_F(InventorySecurityTest, UndocumentedPathsAre404ProblemsForEveryone) {
  const std::vector<std::string> paths = {"/v2/organizations",
                                          "/v0/organizations",
                                          "/v1.1/organizations",
                                          "/organizations",
                                          "/api/v1/organizations",
                                          "/v1/internal",
                                          "/v1/admin",
                                          "/admin",
                                          "/debug",
                                          "/debug/pprof",
                                          "/metrics",
                                          "/v1/metrics",
                                          "/actuator/health",
                                          "/server-status",
                                          "/.env",
                                          "/.git/config",
                                          "/v1/openapi.yaml",
                                          "/openapi.json",
                                          "/swagger.json",
                                          "/graphql",
                                          "/v1/graphql",
                                          "/v1/people",
                                          "/v1/audit",
                                          "/v1/api-keys/all/export",
                                          "/healthz/details",
                                          "/v1/../etc/passwd",
                                          "/grpc.health.v1.Health/Check",
                                          "/iris.membership.v1.Accounts/ListUsers"};
  for (const std::string& who : {std::string(), admin_}) {
    for (const auto& path : paths) {
      // Raw: the path exactly as written, dot segments included.
      Headers headers;
      if (!who.empty()) headers.push_back({"Authorization", who});
      auto r = SendRaw(system_->http_port(), RawRequest("GET", path, headers));
      EXPECT_EQ(r.status, 404) << path << ": " << r.body;
      EXPECT_EQ(r.Header("content-type"), "application/problem+json") << path;
      EXPECT_EQ(json::parse(r.body, nullptr, false).value("type", ""), "/problems/not_found")
          << path;
    }
  }
}

// Metrics name routes, dependencies and counts: an operator's view, on the metrics port only
// (API.md "Operations"), never on the public one, credentials or not.
TEST_F(InventorySecurityTest, MetricsAreServedOnTheMetricsPortOnly) {
  for (const std::string& who : {std::string(), admin_}) {
    ExpectProblem(As(who, "GET", "/metrics"), 404);
  }
  auto metrics = HttpRequest("GET", system_->MetricsUrl());
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("iris_requests_total"), std::string::npos);
  EXPECT_EQ(system_->MetricsUrl().find(":" + std::to_string(system_->http_port()) + "/"),
            std::string::npos);
}

}  // namespace
}  // namespace iris::testing
