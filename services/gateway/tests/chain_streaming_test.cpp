// Streamed bodies through the chain (issue 18): a Body::kStream route reads its body from the
// request's reader, and a reply's body source reaches the adapter untouched (never buffered,
// compressed, tagged or cached).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "services/gateway/middleware/chain.hpp"

namespace iris::gateway {
namespace {

class CountingSource : public http::BodySource {
 public:
  explicit CountingSource(int* nexts) : nexts_(nexts) {}
  uint64_t content_length() const override { return 100000; }
  absl::StatusOr<std::string> Next() override {
    ++*nexts_;
    return std::string(100000, 'a');
  }

 private:
  int* nexts_;
};

class ChainStreamingTest : public ::testing::Test {
 protected:
  ChainStreamingTest()
      : router_({{Method::kPut, "/v1/files/{name}", Access::kPublic, Body::kStream,
                  [](RequestContext& r) -> absl::StatusOr<Reply> {
                    std::string all;
                    for (;;) {
                      auto chunk = r.http.body_stream->Read(3);
                      if (!chunk.ok()) return chunk.status();
                      if (chunk->empty()) break;
                      all += *chunk;
                    }
                    return Reply::Json(201, nlohmann::json{{"body", all}});
                  }},
                 {Method::kGet, "/v1/files/{name}", Access::kPublic, Body::kNone,
                  [this](RequestContext&) -> absl::StatusOr<Reply> {
                    Reply reply{200, "application/pdf", "", {{"ETag", "\"abc\""}}, nullptr};
                    reply.body_source = std::make_shared<CountingSource>(&nexts_);
                    return reply;
                  },
                  std::chrono::seconds(60)}}),
        chain_(router_, metrics_) {
    chain_.EnableCache(&cache_);
  }

  iris::metrics::Metrics metrics_{"gateway-test"};
  int nexts_ = 0;
  Router router_;
  ResponseCache cache_;
  Chain chain_;
};

TEST_F(ChainStreamingTest, TheRouterNamesTheRequestsWhoseBodyIsStreamed) {
  EXPECT_TRUE(router_.StreamsBody("PUT", "/v1/files/a.pdf"));
  EXPECT_FALSE(router_.StreamsBody("GET", "/v1/files/a.pdf"));
  EXPECT_FALSE(router_.StreamsBody("PUT", "/v1/other"));
}

TEST_F(ChainStreamingTest, AStreamRouteReadsABodyThatCameWholeThroughItsReader) {
  http::HttpRequest req;
  req.method = "PUT";
  req.path = "/v1/files/a.txt";
  req.body = "hello world";
  req.headers = {{"content-type", "text/plain"}};  // any type: no 415
  const auto response = chain_.Handle(req);
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.body, "{\"body\":\"hello world\"}");
}

TEST_F(ChainStreamingTest, ABodySourcePassesUntouched) {
  for (int i = 0; i < 2; ++i) {  // the second would be a cache hit if it had been stored
    http::HttpRequest req;
    req.method = "GET";
    req.path = "/v1/files/a.pdf";
    req.headers = {{"accept-encoding", "gzip"}};
    const auto response = chain_.Handle(req);
    EXPECT_EQ(response.status, 200);
    ASSERT_NE(response.body_source, nullptr);
    EXPECT_TRUE(response.body.empty());
    EXPECT_FALSE(http::HasHeader(response.headers, "content-encoding"));
    int etags = 0;
    for (const auto& h : response.headers) {
      if (h.name == "ETag") {
        ++etags;
        EXPECT_EQ(h.value, "\"abc\"");
      }
    }
    EXPECT_EQ(etags, 1);
  }
  EXPECT_EQ(nexts_, 0);  // nothing of the body was read in the chain
}

}  // namespace
}  // namespace iris::gateway
