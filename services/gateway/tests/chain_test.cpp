#include "services/gateway/middleware/chain.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace iris::gateway {
namespace {

// The chain over a small table of test routes: the behaviour every real route inherits.
class ChainTest : public ::testing::Test {
 protected:
  ChainTest()
      : router_({{Method::kGet, "/v1/things/{id}", Access::kPublic, Body::kNone,
                  [](RequestContext& r) -> absl::StatusOr<Reply> {
                    if (r.PathParam("id") == "missing") return absl::NotFoundError("no thing");
                    if (r.PathParam("id") == "down") return absl::UnavailableError("down");
                    if (r.PathParam("id") == "boom") throw std::runtime_error("secret detail");
                    return Reply::Json(200, nlohmann::json{{"id", r.PathParam("id")}})
                        .WithHeader("ETag", "\"3\"");
                  }},
                 {Method::kPost, "/v1/things", Access::kPublic, Body::kJson,
                  [](RequestContext& r) -> absl::StatusOr<Reply> {
                    return Reply::Json(201, *r.json_body).WithHeader("Location", "/v1/things/1");
                  }},
                 {Method::kGet, "/v1/private", Access::kAuthenticated, Body::kNone,
                  [](RequestContext&) -> absl::StatusOr<Reply> {
                    return Reply::Json(200, nlohmann::json{});
                  }}}),
        chain_(router_, metrics_) {}

  http::HttpResponse Send(std::string method, std::string path, std::string body = "",
                          std::vector<http::Header> headers = {}) {
    http::HttpRequest req;
    req.method = std::move(method);
    req.path = std::move(path);
    req.body = std::move(body);
    req.headers = std::move(headers);
    return chain_.Handle(req);
  }

  static std::string HeaderOf(const http::HttpResponse& r, std::string_view name) {
    for (const auto& h : r.headers) {
      if (h.name == name) return h.value;
    }
    return "";
  }

  iris::metrics::Metrics metrics_{"gateway-test"};
  Router router_;
  Chain chain_;
};

TEST_F(ChainTest, EveryResponseCarriesTheClientsRequestIdOrANewOne) {
  auto mine = Send("GET", "/v1/things/1", "", {{"x-request-id", "abc-123"}});
  EXPECT_EQ(HeaderOf(mine, "X-Request-Id"), "abc-123");
  auto fresh = Send("GET", "/v1/things/1");
  EXPECT_EQ(HeaderOf(fresh, "X-Request-Id").size(), 36u);
  auto bad = Send("GET", "/v1/things/1", "", {{"x-request-id", "no spaces allowed"}});
  EXPECT_NE(HeaderOf(bad, "X-Request-Id"), "no spaces allowed");
}

TEST_F(ChainTest, TheRequestIdTheAdapterChoseIsTheAnswersId) {
  http::HttpRequest req;
  req.method = "GET";
  req.path = "/v1/things/1";
  req.request_id = "from-adapter";  // what the adapter accepted or minted for its own answers
  EXPECT_EQ(HeaderOf(chain_.Handle(req), "X-Request-Id"), "from-adapter");
}

TEST_F(ChainTest, NotFoundIsAProblemWithTheRequestIdAsInstance) {
  auto r = Send("GET", "/v1/things/missing", "", {{"x-request-id", "r1"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(HeaderOf(r, "Content-Type"), "application/problem+json");
  auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["status"], 404);
  EXPECT_EQ(body["instance"], "urn:request:r1");
  EXPECT_EQ(Send("GET", "/nowhere").status, 404);
}

TEST_F(ChainTest, WrongMethodIs405WithAllow) {
  auto r = Send("DELETE", "/v1/things/1");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(HeaderOf(r, "Allow"), "GET, HEAD");
  EXPECT_EQ(HeaderOf(r, "Content-Type"), "application/problem+json");
}

TEST_F(ChainTest, NonJsonBodyIs415AndMalformedJsonIs400) {
  auto text = Send("POST", "/v1/things", "name=x", {{"content-type", "text/plain"}});
  EXPECT_EQ(text.status, 415);
  auto none = Send("POST", "/v1/things", "{}");
  EXPECT_EQ(none.status, 415);
  auto broken = Send("POST", "/v1/things", "{\"a\":", {{"content-type", "application/json"}});
  EXPECT_EQ(broken.status, 400);
  auto ok = Send("POST", "/v1/things", "{\"a\":1}",
                 {{"content-type", "application/json; charset=utf-8"}});
  EXPECT_EQ(ok.status, 201);
  EXPECT_EQ(HeaderOf(ok, "Location"), "/v1/things/1");
}

TEST_F(ChainTest, UnavailableDependencyIs503WithRetryAfter) {
  auto r = Send("GET", "/v1/things/down");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(HeaderOf(r, "Retry-After"), "1");
}

TEST_F(ChainTest, ExceptionsBecome500WithoutTheirText) {
  auto r = Send("GET", "/v1/things/boom");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("secret detail"), std::string::npos);
}

TEST_F(ChainTest, AnonymousCallerOfAProtectedRouteIs401) {
  auto r = Send("GET", "/v1/private");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(HeaderOf(r, "WWW-Authenticate"), "Bearer");
}

TEST_F(ChainTest, MatchingIfNoneMatchIs304WithoutBody) {
  auto r = Send("GET", "/v1/things/1", "", {{"if-none-match", "\"3\""}});
  EXPECT_EQ(r.status, 304);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(Send("GET", "/v1/things/1", "", {{"if-none-match", "\"2\""}}).status, 200);
  EXPECT_EQ(Send("GET", "/v1/things/1", "", {{"if-none-match", "W/\"3\", \"9\""}}).status, 304);
}

// Issue 12 (review): what caches and clients need on GET answers, gzipped or not.
TEST(ChainRepresentationTest, GetAnswersCarryValidatorsAndGzipWeakensAStrongTag) {
  const std::string big(4096, 'x');
  Route thing{Method::kGet, "/v1/big", Access::kPublic, Body::kNone,
              [&big](RequestContext&) -> absl::StatusOr<Reply> {
                return Reply::Json(200, nlohmann::json{{"x", big}}).WithHeader("ETag", "\"3\"");
              }};
  Router router({thing});
  iris::metrics::Metrics metrics("gateway-representation-test");
  Chain chain(router, metrics);
  auto send = [&](std::vector<http::Header> headers) {
    http::HttpRequest req;
    req.method = "GET";
    req.path = "/v1/big";
    req.headers = std::move(headers);
    return chain.Handle(req);
  };
  auto header = [](const http::HttpResponse& r, std::string_view name) {
    std::string joined;
    for (const auto& h : r.headers) {
      if (h.name == name) joined += (joined.empty() ? "" : ", ") + h.value;
    }
    return joined;
  };
  auto plain = send({});
  EXPECT_EQ(header(plain, "ETag"), "\"3\"");
  EXPECT_EQ(header(plain, "Cache-Control"), "public, no-cache");
  EXPECT_NE(header(plain, "Vary").find("Accept-Encoding"), std::string::npos);
  auto gz = send({{"accept-encoding", "gzip"}});
  EXPECT_EQ(header(gz, "Content-Encoding"), "gzip");
  EXPECT_EQ(header(gz, "ETag"), "W/\"3\"") << "one strong tag may not name two encodings";
  EXPECT_EQ(header(gz, "Vary").find("Accept-Encoding"), header(gz, "Vary").rfind("Accept-Encoding"))
      << "named once";
  auto not_modified = send({{"if-none-match", "W/\"3\""}});
  EXPECT_EQ(not_modified.status, 304);
  EXPECT_NE(header(not_modified, "Vary").find("Accept-Encoding"), std::string::npos)
      << "a 304 replaces the stored headers (RFC 9111 §4.3.4)";
}

// Regression (issue 12): `?contry=RS` was ignored, so a misspelt filter listed everything.
TEST(ChainQueryTest, AQueryParameterTheRouteDoesNotTakeIs400NamingIt) {
  Route list{Method::kGet, "/v1/list", Access::kPublic, Body::kNone,
             [](RequestContext&) -> absl::StatusOr<Reply> {
               return Reply::Json(200, nlohmann::json::object());
             }};
  list.query = {"country", "limit"};
  Route plain{Method::kGet, "/v1/plain", Access::kPublic, Body::kNone,
              [](RequestContext&) -> absl::StatusOr<Reply> {
                return Reply::Json(200, nlohmann::json::object());
              }};
  Router router({list, plain});
  iris::metrics::Metrics metrics("gateway-query-test");
  Chain chain(router, metrics);
  auto send = [&](std::string path, std::vector<std::pair<std::string, std::string>> query) {
    http::HttpRequest req;
    req.method = "GET";
    req.path = std::move(path);
    req.query = std::move(query);
    return chain.Handle(req);
  };
  EXPECT_EQ(send("/v1/list", {{"country", "RS"}, {"limit", "2"}}).status, 200);
  auto misspelt = send("/v1/list", {{"contry", "RS"}});
  EXPECT_EQ(misspelt.status, 400);
  const auto problem = nlohmann::json::parse(misspelt.body);
  EXPECT_EQ(problem["errors"][0]["field"], "contry");
  EXPECT_NE(problem["errors"][0]["message"].get<std::string>().find("country, limit"),
            std::string::npos)
      << problem;
  EXPECT_EQ(send("/v1/plain", {{"page", "2"}}).status, 400);
  // An empty value is no filter: refused, naming it, on every route.
  auto empty = send("/v1/list", {{"country", ""}});
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(nlohmann::json::parse(empty.body)["errors"][0]["field"], "country");
  EXPECT_EQ(send("/v1/plain", {}).status, 200);
}

TEST(ChainCacheTest, CacheableRoutesCallUpstreamOncePerTtlAndNeverCacheErrors) {
  int calls = 0;
  bool fail = false;
  Route ref{Method::kGet,
            "/v1/ref",
            Access::kPublic,
            Body::kNone,
            [&](RequestContext&) -> absl::StatusOr<Reply> {
              ++calls;
              if (fail) return absl::UnavailableError("down");
              return Reply::Json(200, nlohmann::json{{"n", calls}});
            },
            std::chrono::seconds(60)};
  ref.query = {"x"};
  Router router({ref});
  iris::metrics::Metrics metrics("gateway-cache-test");
  Chain chain(router, metrics);
  ResponseCache cache;
  chain.EnableCache(&cache);
  auto send = [&](std::vector<std::pair<std::string, std::string>> query = {}) {
    http::HttpRequest req;
    req.method = "GET";
    req.path = "/v1/ref";
    req.query = std::move(query);
    return chain.Handle(req);
  };
  fail = true;
  EXPECT_EQ(send().status, 503);
  fail = false;
  auto first = send();
  auto second = send();
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(calls, 2);  // the 503 and the first 200; the second 200 came from the cache
  EXPECT_EQ(send({{"x", "1"}}).status, 200);
  EXPECT_EQ(calls, 3);  // another query string is another entry
}

TEST(JsonContentTypeTest, AcceptsJsonAndSuffixTypes) {
  EXPECT_TRUE(http::IsJsonContentType("application/json"));
  EXPECT_TRUE(http::IsJsonContentType("Application/JSON; charset=utf-8"));
  EXPECT_TRUE(http::IsJsonContentType("application/merge-patch+json"));
  EXPECT_FALSE(http::IsJsonContentType("text/json"));
  EXPECT_FALSE(http::IsJsonContentType("application/jsonp"));
  EXPECT_FALSE(http::IsJsonContentType(""));
}

}  // namespace
}  // namespace iris::gateway
