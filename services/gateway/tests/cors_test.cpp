// CORS rules without a network: which origins, which preflights, which headers.
#include "services/gateway/middleware/cors.hpp"

#include <gtest/gtest.h>

namespace iris::gateway {
namespace {

std::string HeaderOf(const http::HttpResponse& r, const std::string& name) {
  std::string value;
  for (const auto& h : r.headers) {
    if (h.name == name) value += (value.empty() ? "" : ", ") + h.value;
  }
  return value;
}

http::HttpRequest Preflight(const std::string& origin, const std::string& method = "POST") {
  http::HttpRequest r;
  r.method = "OPTIONS";
  r.path = "/v1/organizations";
  r.headers = {{"access-control-request-method", method}, {"origin", origin}};
  return r;
}

TEST(CorsTest, SettingsAreOriginsOrAStarAndNothingElse) {
  EXPECT_FALSE(Cors::Parse("")->enabled());
  EXPECT_TRUE(Cors::Parse("*")->enabled());
  EXPECT_TRUE(Cors::Parse(" https://a.example.org , http://localhost:5173 ")->enabled());
  for (const char* bad : {"a.example.org", "https://a.example.org/", "https://a.example.org/x",
                          "ftp://a.example.org", "https://", "null", "https://a b"}) {
    EXPECT_FALSE(Cors::Parse(bad).ok()) << bad;
  }
}

TEST(CorsTest, APreflightOfAnAllowedOriginIsAnsweredWithWhatItMaySend) {
  auto cors = *Cors::Parse("https://app.example.org");
  auto r = cors.Preflight(Preflight("https://app.example.org"), "GET, HEAD, POST", "rid");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 204);
  EXPECT_EQ(HeaderOf(*r, "Access-Control-Allow-Origin"), "https://app.example.org");
  EXPECT_EQ(HeaderOf(*r, "Access-Control-Allow-Methods"), "GET, HEAD, POST");
  EXPECT_NE(HeaderOf(*r, "Access-Control-Allow-Headers").find("Idempotency-Key"),
            std::string::npos);
  EXPECT_EQ(HeaderOf(*r, "Access-Control-Allow-Credentials"), "");
  EXPECT_EQ(HeaderOf(*r, "Access-Control-Max-Age"), "600");
}

TEST(CorsTest, OtherOriginsAndUnknownPathsAreRefused) {
  auto cors = *Cors::Parse("https://app.example.org");
  auto other = cors.Preflight(Preflight("https://evil.example.org"), "GET", "rid");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 403);
  EXPECT_EQ(HeaderOf(*other, "Access-Control-Allow-Origin"), "");
  auto unknown = cors.Preflight(Preflight("https://app.example.org"), "", "rid");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
}

TEST(CorsTest, NotAPreflightIsLeftToTheRoutes) {
  auto cors = *Cors::Parse("https://app.example.org");
  auto no_method = Preflight("https://app.example.org");
  no_method.headers.erase(no_method.headers.begin());
  EXPECT_FALSE(cors.Preflight(no_method, "GET", "rid"));
  auto get = Preflight("https://app.example.org");
  get.method = "GET";
  EXPECT_FALSE(cors.Preflight(get, "GET", "rid"));
  EXPECT_FALSE(Cors::Parse("")->Preflight(Preflight("https://app.example.org"), "GET", "rid"));
}

TEST(CorsTest, AnswersToAnAllowedOriginExposeTheApiHeaders) {
  auto cors = *Cors::Parse("https://app.example.org");
  http::HttpRequest get;
  get.method = "GET";
  get.headers = {{"origin", "https://app.example.org"}};
  http::HttpResponse r;
  cors.Decorate(get, r);
  EXPECT_EQ(HeaderOf(r, "Access-Control-Allow-Origin"), "https://app.example.org");
  EXPECT_NE(HeaderOf(r, "Access-Control-Expose-Headers").find("ETag"), std::string::npos);
  EXPECT_EQ(HeaderOf(r, "Vary"), "Origin");
  http::HttpResponse other;
  get.headers = {{"origin", "https://evil.example.org"}};
  cors.Decorate(get, other);
  EXPECT_EQ(HeaderOf(other, "Access-Control-Allow-Origin"), "");
  EXPECT_EQ(HeaderOf(other, "Vary"), "Origin") << "caches must still key on Origin";
  http::HttpResponse no_origin;
  http::HttpRequest plain;
  Cors::Parse("*")->Decorate(plain, no_origin);
  EXPECT_EQ(HeaderOf(no_origin, "Access-Control-Allow-Origin"), "*")
      << "a copy cached without Origin must serve scripts too";
  http::HttpResponse any;
  Cors::Parse("*")->Decorate(get, any);
  EXPECT_EQ(HeaderOf(any, "Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(HeaderOf(any, "Access-Control-Allow-Credentials"), "");
}

}  // namespace
}  // namespace iris::gateway
