// The foundation slice end to end: HTTP -> gateway -> gRPC -> membership -> Postgres, with every
// error status a client can provoke at this stage.
#include <gtest/gtest.h>

#include <signal.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/system.hpp"
#include "tests/support/gunzip.hpp"
#include "tests/support/http_client.hpp"

namespace iris::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class GatewayE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { system_ = new System(); }
  static void TearDownTestSuite() {
    delete system_;
    system_ = nullptr;
  }
  static HttpResult Get(const std::string& path,
                        std::vector<std::pair<std::string, std::string>> headers = {}) {
    return HttpRequest("GET", system_->Url(path), "", headers);
  }
  static void ExpectProblem(const HttpResult& r, long status) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.Header("content-type"), "application/problem+json");
    auto body = json::parse(r.body, nullptr, false);
    ASSERT_FALSE(body.is_discarded()) << r.body;
    EXPECT_EQ(body["status"], status);
    EXPECT_EQ(body["instance"], "urn:request:" + r.Header("x-request-id"));
    EXPECT_FALSE(r.Header("x-request-id").empty());
  }
  static System* system_;
};
System* GatewayE2eTest::system_ = nullptr;

TEST_F(GatewayE2eTest, ListsTheSevenNationalNetworks) {
  auto r = Get("/v1/networks");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json");
  auto body = json::parse(r.body);
  ASSERT_EQ(body["items"].size(), 7u);
  EXPECT_TRUE(body["next_cursor"].is_null());
  for (const auto& n : body["items"]) {
    const bool forming = n["country"] == "MK" || n["country"] == "AL";
    EXPECT_EQ(n["status"], forming ? "in_formation" : "active") << n.dump();
    EXPECT_TRUE(n["version"].is_number_integer());
    EXPECT_TRUE(n["name"].contains("en"));
  }
}

TEST_F(GatewayE2eTest, ReferenceListsComeFromMembership) {
  auto countries = json::parse(Get("/v1/countries").body);
  ASSERT_EQ(countries["items"].size(), 7u);
  EXPECT_EQ(countries["items"][3]["code"], "XK");
  EXPECT_EQ(countries["items"][6]["name"]["sr-Cyrl"], "Србија");
  EXPECT_EQ(json::parse(Get("/v1/target-groups").body)["items"].size(), 8u);
  EXPECT_EQ(json::parse(Get("/v1/languages").body)["items"].size(), 8u);
}

TEST_F(GatewayE2eTest, OneNetworkWithEtagAndConditionalGet) {
  auto r = Get("/v1/networks/rs");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["country"], "RS");
  ASSERT_FALSE(r.Header("etag").empty());
  auto again = Get("/v1/networks/RS", {{"If-None-Match", r.Header("etag")}});
  EXPECT_EQ(again.status, 304);
  ExpectProblem(Get("/v1/networks/DE"), 404);
}

TEST_F(GatewayE2eTest, RequestIdIsEchoedOrAssigned) {
  auto mine = Get("/v1/countries", {{"X-Request-Id", "e2e-req-42"}});
  EXPECT_EQ(mine.Header("x-request-id"), "e2e-req-42");
  EXPECT_EQ(Get("/v1/countries").Header("x-request-id").size(), 36u);
}

TEST_F(GatewayE2eTest, WrongMethodIs405ProblemWithAllow) {
  auto r = HttpRequest("POST", system_->Url("/v1/countries"), "{}",
                       {{"Content-Type", "application/json"}});
  ExpectProblem(r, 405);
  EXPECT_EQ(r.Header("allow"), "GET, HEAD");
}

// Issue 12: every GET answer has an entity tag (lists included: 304 on If-None-Match), an
// anonymous public one may be stored if revalidated, and bodies over 1 KiB are gzipped for
// clients that take it (read back here with zlib).
TEST_F(GatewayE2eTest, ListsAreRevalidatedAndLargeAnswersGzipped) {
  auto list = Get("/v1/organizations?limit=5");
  ASSERT_EQ(list.status, 200);
  const std::string etag = list.Header("etag");
  EXPECT_EQ(etag.rfind("W/\"", 0), 0u) << etag;
  EXPECT_EQ(list.Header("cache-control"), "public, no-cache");
  EXPECT_NE(list.Header("vary").find("Authorization"), std::string::npos);
  auto same = Get("/v1/organizations?limit=5", {{"If-None-Match", etag}});
  EXPECT_EQ(same.status, 304);
  EXPECT_TRUE(same.body.empty());
  EXPECT_EQ(same.Header("etag"), etag);
  EXPECT_EQ(same.Header("cache-control"), "public, no-cache");

  auto plain = Get("/problems");
  ASSERT_EQ(plain.status, 200);
  ASSERT_GT(plain.body.size(), 1024u);
  EXPECT_TRUE(plain.Header("content-encoding").empty());
  EXPECT_NE(plain.Header("vary").find("Accept-Encoding"), std::string::npos);
  auto gz = Get("/problems", {{"Accept-Encoding", "br, gzip;q=0.8"}});
  ASSERT_EQ(gz.status, 200);
  EXPECT_EQ(gz.Header("content-encoding"), "gzip");
  EXPECT_LT(gz.body.size(), plain.body.size() / 2);
  EXPECT_EQ(Gunzip(gz.body), plain.body);
  EXPECT_EQ(gz.Header("etag"), plain.Header("etag")) << "one weak tag for both encodings";
  EXPECT_TRUE(
      Get("/problems", {{"Accept-Encoding", "gzip;q=0"}}).Header("content-encoding").empty());
  // Small answers are sent as they are.
  EXPECT_TRUE(Get("/healthz", {{"Accept-Encoding", "gzip"}}).Header("content-encoding").empty());
}

// Each problem type's URL answers (issue 12), and the 404 for an unknown one is itself typed.
TEST_F(GatewayE2eTest, EveryProblemTypeUrlAnswers) {
  auto list = Get("/problems");
  ASSERT_EQ(list.status, 200) << list.body;
  const auto items = json::parse(list.body)["items"];
  ASSERT_GE(items.size(), 15u);
  for (const auto& item : items) {
    auto one = Get(item["type"].get<std::string>());
    EXPECT_EQ(one.status, 200) << item;
    EXPECT_EQ(json::parse(one.body), item);
  }
  auto unknown = Get("/problems/no_such_type");
  ExpectProblem(unknown, 404);
  EXPECT_EQ(json::parse(unknown.body)["type"], "/problems/not_found");
}

// Issue 14: browsers never sniff a type, never render or frame a JSON answer, and never keep
// an answer to a request that carried credentials.
TEST_F(GatewayE2eTest, EveryAnswerCarriesTheBrowserHeaders) {
  for (const auto& r : {Get("/v1/countries"), Get("/v1/no-such-thing"), Get("/healthz"),
                        Get("/v1/organizations?bogus=1")}) {
    EXPECT_EQ(r.Header("x-content-type-options"), "nosniff") << r.status;
    EXPECT_EQ(r.Header("content-security-policy"), "default-src 'none'; frame-ancestors 'none'")
        << r.status;
  }
  EXPECT_EQ(Get("/v1/countries").Header("cache-control"), "public, max-age=300");
  // Credentials sent, even bad ones: nothing may store the answer.
  for (const auto& auth : {std::string("Bearer not-a-token"), std::string("ApiKey nope")}) {
    auto r = Get("/v1/countries", {{"Authorization", auth}});
    EXPECT_EQ(r.Header("cache-control"), "no-store") << auth << " " << r.status;
  }
}

// A browser page of the configured origin (System::kCorsOrigin) calling the API: the
// preflight is answered by the gateway, the answer names the origin and exposes the API's
// headers; another origin's preflight is refused.
TEST_F(GatewayE2eTest, BrowserCallersOfTheConfiguredOriginGetCors) {
  auto preflight = HttpRequest("OPTIONS", system_->Url("/v1/organizations"), "",
                               {{"Origin", System::kCorsOrigin},
                                {"Access-Control-Request-Method", "POST"},
                                {"Access-Control-Request-Headers", "authorization,content-type"}});
  EXPECT_EQ(preflight.status, 204) << preflight.body;
  EXPECT_EQ(preflight.Header("access-control-allow-origin"), System::kCorsOrigin);
  EXPECT_NE(preflight.Header("access-control-allow-methods").find("POST"), std::string::npos);
  EXPECT_EQ(preflight.Header("access-control-allow-credentials"), "");
  auto get = Get("/v1/countries", {{"Origin", System::kCorsOrigin}});
  EXPECT_EQ(get.status, 200);
  EXPECT_EQ(get.Header("access-control-allow-origin"), System::kCorsOrigin);
  EXPECT_NE(get.Header("access-control-expose-headers").find("ETag"), std::string::npos);
  auto other = HttpRequest(
      "OPTIONS", system_->Url("/v1/organizations"), "",
      {{"Origin", "https://evil.example.org"}, {"Access-Control-Request-Method", "POST"}});
  ExpectProblem(other, 403);
  EXPECT_EQ(other.Header("access-control-allow-origin"), "");
  EXPECT_EQ(Get("/v1/countries", {{"Origin", "https://evil.example.org"}})
                .Header("access-control-allow-origin"),
            "");
}

// Issue 14: each limit of a request's head answered with its problem, and the gateway keeps
// serving others.
TEST_F(GatewayE2eTest, OversizedRequestLinesAndHeadersAreRefusedWithTheirStatus) {
  ExpectProblem(Get("/v1/organizations?q=" + std::string(128 * 1024, 'a')), 414);
  std::vector<std::pair<std::string, std::string>> many;
  for (int i = 0; i < 1000; ++i) many.emplace_back("X-Many-" + std::to_string(i), "1");
  ExpectProblem(Get("/v1/countries", many), 431);
  ExpectProblem(Get("/v1/countries", {{"X-Big", std::string(100 * 1024, 'b')}}), 431);
  EXPECT_EQ(Get("/v1/countries").status, 200);
}

TEST_F(GatewayE2eTest, UnknownPathIs404Problem) { ExpectProblem(Get("/v1/no-such-thing"), 404); }

TEST_F(GatewayE2eTest, MalformedPercentEscapeIs400Problem) {
  ExpectProblem(Get("/v1/networks/%zz"), 400);
  ExpectProblem(Get("/v1/countries?limit=%zz"), 400);
}

TEST_F(GatewayE2eTest, BodyOverOneMebibyteIs413Problem) {
  std::string big((1 << 20) + 1, 'x');
  auto r = HttpRequest("POST", system_->Url("/v1/countries"), big,
                       {{"Content-Type", "application/json"}});
  ExpectProblem(r, 413);
}

TEST_F(GatewayE2eTest, OperationsEndpointsAnswer) {
  EXPECT_EQ(Get("/healthz").status, 200);
  auto ready = Get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(json::parse(ready.body)["checks"]["membership"], "up");
  auto doc = Get("/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  EXPECT_EQ(json::parse(doc.body)["openapi"], "3.1.0");
  // One tag for the document; gzipped (made once, not per request) under the weak form of it,
  // and a 304 when the client has it.
  const std::string tag = doc.Header("etag");
  ASSERT_EQ(tag.rfind("\"", 0), 0u) << tag;
  auto gzipped = Get("/v1/openapi.json", {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(gzipped.status, 200);
  EXPECT_EQ(gzipped.Header("content-encoding"), "gzip");
  EXPECT_EQ(gzipped.Header("etag"), "W/" + tag);
  EXPECT_LT(gzipped.body.size(), doc.body.size() / 4);
  EXPECT_EQ(Get("/v1/openapi.json", {{"If-None-Match", tag}}).status, 304);
  EXPECT_EQ(Get("/v1/openapi.json", {{"If-None-Match", "W/" + tag}}).status, 304);
}

TEST_F(GatewayE2eTest, MetricsCountRequestsByRouteAndStatus) {
  Get("/v1/countries");
  auto m = HttpRequest("GET", system_->MetricsUrl());
  ASSERT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("iris_requests_total{"), std::string::npos);
  EXPECT_NE(m.body.find("route=\"/v1/countries\""), std::string::npos);
  EXPECT_NE(m.body.find("iris_request_duration_seconds_bucket"), std::string::npos);
}

// Runs last in this suite (gtest runs tests in declaration order): it kills membership.
TEST_F(GatewayE2eTest, ZzDownServiceIs503WithRetryAfterAndRecovers) {
  system_->KillMembership();
  // /v1/networks is not cached by the gateway, so it needs membership on every call.
  auto r = HttpRequest("GET", system_->Url("/v1/networks"), "", {}, 5s);
  ExpectProblem(r, 503);
  EXPECT_EQ(r.Header("retry-after"), "1");
  EXPECT_LT(r.seconds, 1.9);  // within the gateway's 1 s upstream deadline, plus slack
  // Only membership's routes fail: the gateway stays in rotation and says what is down.
  auto ready = Get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(json::parse(ready.body)["checks"]["membership"], "down") << ready.body;
  EXPECT_EQ(json::parse(ready.body)["status"], "degraded") << ready.body;
  EXPECT_EQ(Get("/healthz").status, 200);  // the gateway itself stays alive
  system_->StartMembership();
  ASSERT_TRUE(system_->WaitReady(20s)) << system_->membership().LogTail();
  EXPECT_EQ(Get("/v1/countries").status, 200);
}

TEST_F(GatewayE2eTest, ZzzSigtermDrainsAndExitsCleanly) {
  system_->gateway().Signal(SIGTERM);
  EXPECT_EQ(system_->gateway().Wait(10s), 0) << system_->gateway().LogTail();
  system_->membership().Signal(SIGTERM);
  EXPECT_EQ(system_->membership().Wait(10s), 0) << system_->membership().LogTail();
}

}  // namespace
}  // namespace iris::testing
