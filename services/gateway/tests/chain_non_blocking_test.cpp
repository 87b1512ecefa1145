// Chain::TryWithoutBlocking: what the HTTP adapter may answer on its I/O thread.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "services/gateway/middleware/chain.hpp"

namespace iris::gateway {
namespace {

class ChainNonBlockingTest : public ::testing::Test {
 protected:
  ChainNonBlockingTest() : router_(Routes()), chain_(router_, metrics_) {
    chain_.EnableCache(&cache_);
  }

  std::vector<Route> Routes() {
    auto counted = [this](RequestContext&) -> absl::StatusOr<Reply> {
      ++upstream_calls_;
      return Reply::Json(200, nlohmann::json{{"n", upstream_calls_}});
    };
    std::vector<Route> routes = {
        {Method::kGet, "/v1/cached", Access::kPublic, Body::kNone, counted,
         std::chrono::seconds(60)},
        {Method::kGet, "/v1/upstream", Access::kPublic, Body::kNone, counted},
        {Method::kGet, "/v1/upstream/{id}", Access::kPublic, Body::kNone,
         [this](RequestContext& r) -> absl::StatusOr<Reply> {
           ++upstream_calls_;
           seen_ids_.push_back(r.PathParam("id"));
           return Reply::Json(200, nlohmann::json{{"id", r.PathParam("id")}});
         }},
        {Method::kGet, "/v1/local", Access::kPublic, Body::kNone,
         [](RequestContext&) -> absl::StatusOr<Reply> {
           return Reply::Json(200, nlohmann::json{{"ok", true}});
         }}};
    routes.back().never_blocks = true;
    return routes;
  }

  static http::HttpRequest Get(std::string path, std::vector<http::Header> headers = {}) {
    http::HttpRequest req;
    req.method = "GET";
    req.path = std::move(path);
    req.headers = std::move(headers);
    return req;
  }

  static std::string HeaderOf(const http::HttpResponse& r, std::string_view name) {
    for (const auto& h : r.headers) {
      if (h.name == name) return h.value;
    }
    return "";
  }

  int upstream_calls_ = 0;
  std::vector<std::string> seen_ids_;
  iris::metrics::Metrics metrics_{"gateway-non-blocking-test"};
  ResponseCache cache_;
  Router router_;
  Chain chain_;
};

TEST_F(ChainNonBlockingTest, RouteThatCallsAServiceIsLeftToAWorker) {
  auto req = Get("/v1/upstream");
  EXPECT_EQ(chain_.TryWithoutBlocking(req), std::nullopt);
  EXPECT_EQ(upstream_calls_, 0);
  EXPECT_EQ(chain_.Handle(req).status, 200);
  EXPECT_EQ(upstream_calls_, 1);
}

TEST_F(ChainNonBlockingTest, TheWorkerContinuesFromTheRouteAndRequestIdOfTheIoThread) {
  auto req = Get("/v1/upstream/7", {{"x-request-id", "minted-on-io"}});
  ASSERT_EQ(chain_.TryWithoutBlocking(req), std::nullopt);
  // A worker that matched or minted again would see these instead.
  req.path = "/v1/nowhere/8";
  req.headers = {{"x-request-id", "minted-on-worker"}};
  const auto answer = chain_.Handle(req);
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(seen_ids_, std::vector<std::string>{"7"});
  EXPECT_EQ(HeaderOf(answer, "X-Request-Id"), "minted-on-io");
  // What was carried serves one request: the next pass over the same object starts afresh.
  const auto again = chain_.Handle(req);
  EXPECT_EQ(again.status, 404);
  EXPECT_EQ(HeaderOf(again, "X-Request-Id"), "minted-on-worker");
}

TEST_F(ChainNonBlockingTest, AMintedRequestIdSurvivesTheHandOff) {
  auto req = Get("/v1/upstream");  // no X-Request-Id: the I/O thread mints one
  ASSERT_EQ(chain_.TryWithoutBlocking(req), std::nullopt);
  req.headers = {{"x-request-id", "too-late"}};
  const std::string id = HeaderOf(chain_.Handle(req), "X-Request-Id");
  EXPECT_EQ(id.size(), 36u) << id;
}

TEST_F(ChainNonBlockingTest, CacheMissIsLeftToAWorkerAndTheHitIsServedInline) {
  auto req = Get("/v1/cached");
  EXPECT_EQ(chain_.TryWithoutBlocking(req), std::nullopt);
  EXPECT_EQ(upstream_calls_, 0);
  const auto first = chain_.Handle(req);
  ASSERT_EQ(first.status, 200);
  const auto inline_answer = chain_.TryWithoutBlocking(req);
  ASSERT_TRUE(inline_answer.has_value());
  EXPECT_EQ(inline_answer->status, 200);
  EXPECT_EQ(inline_answer->body, first.body);
  EXPECT_EQ(upstream_calls_, 1);
  bool has_request_id = false;
  for (const auto& h : inline_answer->headers) has_request_id |= h.name == "X-Request-Id";
  EXPECT_TRUE(has_request_id);
}

TEST_F(ChainNonBlockingTest, NeverBlockingRouteAndUnmatchedPathsAreServedInline) {
  auto local = Get("/v1/local");
  auto answer = chain_.TryWithoutBlocking(local);
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(answer->status, 200);
  auto nowhere = Get("/v1/nowhere");
  answer = chain_.TryWithoutBlocking(nowhere);
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(answer->status, 404);
}

TEST_F(ChainNonBlockingTest, ApiKeyIsResolvedOnAWorkerEvenForACachedRoute) {
  auto warm = Get("/v1/cached");
  ASSERT_EQ(chain_.Handle(warm).status, 200);
  auto with_key = Get("/v1/cached", {{"authorization", "ApiKey abc.def"}});
  EXPECT_EQ(chain_.TryWithoutBlocking(with_key), std::nullopt);
}

}  // namespace
}  // namespace iris::gateway
