#include "services/gateway/routes/router.hpp"

#include <gtest/gtest.h>

#include "libs/status/problem.hpp"

namespace iris::gateway {
namespace {

RouteHandler Noop() {
  return
      [](RequestContext&) -> absl::StatusOr<Reply> { return Reply::Json(200, nlohmann::json{}); };
}

Router MakeRouter() {
  return Router({{Method::kGet, "/v1/networks", Access::kPublic, Body::kNone, Noop()},
                 {Method::kGet, "/v1/networks/{country}", Access::kPublic, Body::kNone, Noop()},
                 {Method::kPatch, "/v1/networks/{country}", Access::kPublic, Body::kJson, Noop()}});
}

TEST(RouterTest, MatchesTemplatesAndDecodesParameters) {
  auto router = MakeRouter();
  auto m = router.Find("GET", "/v1/networks/R%53", nullptr);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->route->path, "/v1/networks/{country}");
  EXPECT_EQ(m->params.at("country"), "RS");
}

TEST(RouterTest, EncodedSlashStaysInsideItsSegment) {
  auto router = MakeRouter();
  auto m = router.Find("GET", "/v1/networks/a%2Fb", nullptr);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->params.at("country"), "a/b");
}

TEST(RouterTest, TrailingAndDoubleSlashesAreIgnored) {
  auto router = MakeRouter();
  EXPECT_TRUE(router.Find("GET", "/v1//networks/", nullptr).ok());
}

TEST(RouterTest, UnknownPathIsNotFound) {
  auto router = MakeRouter();
  auto m = router.Find("GET", "/v1/nothing", nullptr);
  EXPECT_EQ(iris::status::HttpStatusFor(m.status()), 404);
}

TEST(RouterTest, KnownPathOtherMethodIs405WithAllow) {
  auto router = MakeRouter();
  std::string allow;
  auto m = router.Find("DELETE", "/v1/networks/RS", &allow);
  EXPECT_EQ(iris::status::HttpStatusFor(m.status()), 405);
  EXPECT_EQ(allow, "GET, HEAD, PATCH");
}

TEST(RouterTest, MalformedEscapeIsBadRequest) {
  auto router = MakeRouter();
  auto m = router.Find("GET", "/v1/networks/%zz", nullptr);
  EXPECT_EQ(iris::status::HttpStatusFor(m.status()), 400);
}

}  // namespace
}  // namespace iris::gateway
