// OWASP API8:2023 Security Misconfiguration: what every answer tells a browser and an attacker.
// Browser headers on every kind of refusal (the gateway suite checks four answers), no answer
// to a credentialed request kept by a cache, CORS for the one configured origin only and never
// with credentials, TRACE and made-up methods refused without echoing the request, and error
// bodies that name nothing of the implementation whatever malformed input provoked them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_suite.hpp"
#include "tests/security/security_support.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;

constexpr const char* kCsp = "default-src 'none'; frame-ancestors 'none'";

class MisconfigurationSecurityTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    Start("Misconfig");
    api_ = new OpenApi(OpenApi::Served(*system_));
    member_ = SignedIn("member", {{"organization_id", org_}}, "m");
    auto key = As(member_, "POST", "/v1/api-keys",
                  json{{"name", "headers " + token_}, {"scopes", {"read"}}}.dump());
    member_key_ = "ApiKey " + json::parse(key.body, nullptr, false).value("key", "");
  }
  static void TearDownTestSuite() {
    delete api_;
    api_ = nullptr;
    Stop();
  }
  static HttpResult Raw(const std::string& bytes) { return SendRaw(system_->http_port(), bytes); }
  static inline OpenApi* api_ = nullptr;
  static inline std::string member_, member_key_;
};

// From the HTTP edge (request_head.cpp) to the services: every refusal is a problem a browser
// will neither sniff into HTML nor frame, and it names nothing of the implementation.
TEST_F(MisconfigurationSecurityTest, EveryKindOfRefusalCarriesTheBrowserHeaders) {
  const std::string apps = "/v1/membership-applications";
  Headers many;
  for (int i = 0; i < 150; ++i) many.emplace_back("X-H" + std::to_string(i), "1");
  const std::vector<std::pair<long, HttpResult>> answers = {
      {400, As("", "POST", apps, "{")},
      {400, As("", "GET", "/v1/organizations?bogus=1")},
      {400, Raw("GET /v1/countries HTTP/1.1\r\nHost: a\r\nNo colon here\r\n\r\n")},
      {400, Raw("POST " + apps +
                " HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n"
                "Content-Length: 3\r\n\r\n{}")},
      {401, As("", "GET", "/v1/me")},
      {403, As(member_, "GET", "/v1/users")},
      {404, As("", "GET", "/v1/no-such-thing")},
      {405, As("", "DELETE", "/v1/countries")},
      {412, As(admin_, "PATCH", "/v1/organizations/" + org_, R"({"city": "Niš"})",
               {{"If-Match", "\"99\""}})},
      {413, As("", "POST", apps, std::string((1 << 20) + 1, ' '))},
      {414, Raw(RawRequest("GET", "/v1/organizations?q=" + std::string(9000, 'q')))},
      {415, As("", "POST", apps, "{}", {{"Content-Type", "text/html"}})},
      {422, As("", "POST", apps, "{}")},
      {431, Raw(RawRequest("GET", "/v1/countries", many))}};
  for (const auto& [status, r] : answers) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.Header("x-content-type-options"), "nosniff") << status;
    EXPECT_EQ(r.Header("content-security-policy"), kCsp) << status;
    EXPECT_EQ(r.Header("content-type"), "application/problem+json") << status;
    EXPECT_FALSE(r.Header("x-request-id").empty()) << status;
    EXPECT_EQ(json::parse(r.body, nullptr, false).value("status", 0), status) << r.body;
    EXPECT_EQ(LeaksIn(r.body), std::vector<std::string>{}) << status << " " << r.body;
  }
}

// Every documented read, answered to a token, an API key or a key in X-API-Key (found or
// not): nothing may keep it, not even the browser (API.md; issue 14 item 4).
TEST_F(MisconfigurationSecurityTest, NoAnswerToACredentialedRequestMayBeStored) {
  int checked = 0;
  for (const Operation& op : api_->operations()) {
    if (op.method != "GET") continue;
    for (const std::string& who : {member_, member_key_}) {
      auto r = As(who, "GET", FillPath(op.path, org_));
      EXPECT_EQ(r.Header("cache-control"), "no-store") << op.Name() << " " << r.status;
      ++checked;
    }
    // A key sent in X-API-Key is no credential, but whoever sent it meant it to be one.
    auto keyed = As("", "GET", FillPath(op.path, org_), "", {{"X-API-Key", member_key_.substr(7)}});
    EXPECT_EQ(keyed.Header("cache-control"), "no-store") << op.Name() << " " << keyed.status;
  }
  EXPECT_GE(checked, 50);
}

// Only the exact configured origin (System::kCorsOrigin) is trusted; look-alikes are not, and
// credentials are never allowed (tokens travel in Authorization, not cookies).
TEST_F(MisconfigurationSecurityTest, CorsTrustsOnlyTheExactConfiguredOrigin) {
  const std::string origin = System::kCorsOrigin;
  const std::vector<std::string> look_alikes = {origin + ".evil.example",
                                                origin + ":8443",
                                                origin + "/",
                                                "http://app.e2e.example.org",
                                                "https://evilapp.e2e.example.org",
                                                "https://e2e.example.org",
                                                std::string("null"),
                                                std::string("*"),
                                                "https://app.e2e.example.org%60.evil.example",
                                                "https://evil.example?" + origin};
  for (const std::string& other : look_alikes) {
    auto preflight = As("", "OPTIONS", "/v1/organizations", "",
                        {{"Origin", other}, {"Access-Control-Request-Method", "POST"}});
    ExpectProblem(preflight, 403);
    EXPECT_EQ(preflight.Header("access-control-allow-origin"), "") << other;
    auto get = As(member_, "GET", "/v1/me", "", {{"Origin", other}});
    EXPECT_EQ(get.status, 200);
    EXPECT_EQ(get.Header("access-control-allow-origin"), "") << other;
  }
  // The trusted origin, with credentials sent: its own name, never *, never credentials.
  auto preflight = As("", "OPTIONS", "/v1/me", "",
                      {{"Origin", origin},
                       {"Access-Control-Request-Method", "GET"},
                       {"Access-Control-Request-Headers", "authorization"}});
  EXPECT_EQ(preflight.status, 204) << preflight.body;
  auto get = As(member_, "GET", "/v1/me", "", {{"Origin", origin}});
  for (const auto& r : {preflight, get}) {
    EXPECT_EQ(r.Header("access-control-allow-origin"), origin);
    EXPECT_EQ(r.Header("access-control-allow-credentials"), "");
    EXPECT_NE(r.Header("vary").find("Origin"), std::string::npos) << r.Header("vary");
  }
  // Methods the API does not have are not offered to a page either.
  auto trace = As("", "OPTIONS", "/v1/organizations", "",
                  {{"Origin", origin}, {"Access-Control-Request-Method", "TRACE"}});
  EXPECT_EQ(trace.Header("access-control-allow-methods").find("TRACE"), std::string::npos);
}

// TRACE would echo the request, Authorization included, to a script (cross-site tracing);
// made-up methods and CONNECT have nothing to do here. None is served, none echoes.
TEST_F(MisconfigurationSecurityTest, TraceAndUnknownMethodsAreRefusedWithoutEcho) {
  const std::string token = member_.substr(7);
  // Methods HTTP defines are 405 with what the path allows; others cannot be parsed (400).
  const std::vector<std::pair<std::string, long>> methods = {
      {"TRACE", 405},    {"CONNECT", 405}, {"PUT", 405}, {"TRACK", 400},
      {"PROPFIND", 400}, {"DEBUG", 400},   {"FOO", 400}};
  for (const auto& [method, status] : methods) {
    auto r = Raw(RawRequest(method, "/v1/countries",
                            {{"Authorization", member_}, {"X-Probe", "s3cr3t-probe"}}));
    EXPECT_EQ(r.status, status) << method << ": " << r.body;
    if (status == 405) {
      EXPECT_EQ(r.Header("allow"), "GET, HEAD") << method;
    }
    EXPECT_EQ(r.body.find("s3cr3t-probe"), std::string::npos) << method;
    EXPECT_EQ(r.body.find(token), std::string::npos) << method;
    EXPECT_EQ(r.Header("content-type"), "application/problem+json") << method;
  }
}

TEST_F(MisconfigurationSecurityTest, NoAnswerNamesTheSoftwareBehindIt) {
  for (const auto& r : {As("", "GET", "/v1/countries"), As("", "GET", "/v1/no-such-thing"),
                        As(member_, "GET", "/v1/users"), As("", "GET", "/healthz"),
                        Raw("GET /v1/countries HTTP/1.1\r\nHost: a\r\nbad\r\n\r\n")}) {
    EXPECT_EQ(r.Header("server"), "") << r.status;
    EXPECT_EQ(r.Header("x-powered-by"), "") << r.status;
    EXPECT_EQ(LeaksIn(r.body), std::vector<std::string>{}) << r.body;
  }
}

// Malformed ids and bodies on every documented operation, anonymously and as the admin (who
// gets furthest, into the services): never a 5xx, and no body names SQL, gRPC, source files,
// libraries or addresses.
TEST_F(MisconfigurationSecurityTest, MalformedInputOnEveryOperationLeaksNothing) {
  const std::vector<std::string> ids = {UrlEncode("' OR 1=1 --"), UrlEncode("x\"<script>"),
                                        "%C0%AE%C0%AE", UrlEncode("{{7*7}}"), "-1"};
  const std::vector<std::string> bodies = {"{",
                                           "[]",
                                           "null",
                                           "{\"name\": {\"$gt\": \"\"}}",
                                           "{\"name\": 1e400}",
                                           "{\"name\": \"\\ud800\"}",
                                           "{\"a\": 1, \"a\": 2}",
                                           std::string("{\"name\": \"\xff\xfe\"}")};
  int sent = 0;
  for (const Operation& op : api_->operations()) {
    for (const std::string& who : {std::string(), admin_}) {
      for (const auto& id : ids) {
        const std::string path = FillPath(op.path, id);
        for (const auto& body : op.has_body ? bodies : std::vector<std::string>{""}) {
          auto r = As(who, op.method, path, body);
          ++sent;
          EXPECT_GT(r.status, 0) << op.Name();
          EXPECT_LT(r.status, 500) << op.method << " " << path << " " << body << ": " << r.body;
          // The contract itself and readiness name their dependencies by design (API.md
          // "Operations"); every other answer names none.
          if (op.path == "/v1/openapi.json" || op.path == "/readyz") continue;
          // A 2xx answer is the resource's own data, which may name such things by right
          // (a test's webhook URL on 127.0.0.1, message types such as
          // membership.organization.created); refusals are what must name nothing.
          if (r.status < 300) continue;
          EXPECT_EQ(LeaksIn(r.body), std::vector<std::string>{})
              << op.method << " " << path << " " << body << ": " << r.body;
        }
        if (op.path.find('{') == std::string::npos) break;  // one path is enough
      }
    }
  }
  EXPECT_GE(sent, 500);
}

}  // namespace
}  // namespace iris::testing
