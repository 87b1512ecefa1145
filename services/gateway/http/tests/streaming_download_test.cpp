// Streamed downloads through the adapter, over real sockets (issue 18): bodies leave as the
// handler's source produces them, at the pace of the client, never held whole.
#include <gtest/gtest.h>

#include "services/gateway/http/tests/streaming_support.hpp"

namespace iris::gateway::http {
namespace {

using namespace std::chrono_literals;
using namespace streaming_testing;
using test::HeaderOf;
using test::Json;
using test::RawConnection;
using test::StartServer;

TEST(StreamingTest, A20MiBResponseIsStreamedToASlowReaderByteExact) {
  constexpr uint64_t kSize = 20 * kMiB;
  std::atomic<uint64_t> produced{0};
  std::atomic<int> destroyed{0};
  auto server = StartServer([&](HttpRequest& r) {
    if (r.path != "/download") return Json("{}");
    HttpResponse response;
    response.headers.push_back({"Content-Type", "application/octet-stream"});
    response.body_source = std::make_shared<PatternSource>(kSize, &produced, &destroyed);
    return response;
  });
  SlowReader c(server->port());
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.Send("GET /download HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::string head;
  std::string body_start;
  while (head.find("\r\n\r\n") == std::string::npos) {
    const std::string part = c.Read(4096);
    ASSERT_FALSE(part.empty());
    head += part;
  }
  body_start = head.substr(head.find("\r\n\r\n") + 4);
  head.resize(head.find("\r\n\r\n") + 4);
  EXPECT_EQ(StatusLine(head), "HTTP/1.1 200 OK");
  EXPECT_EQ(HeaderOf(head, "content-length"), std::to_string(kSize));
  uint64_t received = 0;
  uint64_t max_ahead = 0;
  bool exact = true;
  auto take = [&](const std::string& part) {
    for (size_t k = 0; k < part.size() && exact; ++k) exact = part[k] == PatternByte(received + k);
    received += part.size();
  };
  take(body_start);
  while (received < kSize) {
    const std::string part = c.Read(64 * 1024);
    ASSERT_FALSE(part.empty()) << "stopped at " << received;
    take(part);
    if (received % (2 * kMiB) < 64 * 1024) {
      std::this_thread::sleep_for(100ms);  // a slow client: the gateway must wait, not buffer
      max_ahead = std::max(max_ahead, produced.load() - received);
    }
  }
  EXPECT_TRUE(exact);
  EXPECT_EQ(received, kSize);
  // What the source produced ahead of the client: the kernel's socket buffers plus a few
  // chunks, far from the 20 MiB a buffering server would hold.
  EXPECT_LT(max_ahead, 8 * kMiB);
  EXPECT_TRUE(test::WaitFor([&] { return destroyed.load() == 1; }));
  EXPECT_TRUE(test::WaitFor([&] { return server->InFlight() == 0; }));
  // The connection goes on after the body.
  ASSERT_TRUE(c.Send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(StatusLine(c.Read(4096)), "HTTP/1.1 200 OK");
}

// Pistache closes a connection idle past the keep-alive timeout, timed from the request's
// arrival; a download that takes longer but keeps moving must not be cut.
TEST(StreamingTest, ADownloadLongerThanTheKeepAliveTimeoutIsNotCut) {
  constexpr uint64_t kSize = 6 * kMiB;
  std::atomic<uint64_t> produced{0};
  std::atomic<int> destroyed{0};
  ServerOptions options;
  options.keepalive_timeout = 1s;
  auto server = StartServer(
      [&](HttpRequest&) {
        HttpResponse response;
        response.body_source = std::make_shared<PatternSource>(kSize, &produced, &destroyed);
        return response;
      },
      options);
  SlowReader c(server->port());
  ASSERT_TRUE(c.Send("GET /download HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::string all;
  const auto start = std::chrono::steady_clock::now();
  while (all.size() < kSize + 100) {
    const std::string part = c.Read(64 * 1024);
    if (part.empty()) break;
    all += part;
    std::this_thread::sleep_for(20ms);  // ~3 MiB/s: about 2 s for the body
  }
  const auto head_end = all.find("\r\n\r\n");
  ASSERT_NE(head_end, std::string::npos);
  EXPECT_EQ(all.size() - head_end - 4, kSize);
  EXPECT_GT(std::chrono::steady_clock::now() - start, 1500ms);
}

TEST(StreamingTest, HeadOfAStreamedResponseHasItsLengthAndNoBody) {
  std::atomic<uint64_t> produced{0};
  std::atomic<int> destroyed{0};
  auto server = StartServer([&](HttpRequest& r) {
    if (r.path != "/download") return Json("{\"next\":true}");
    HttpResponse response;
    response.headers.push_back({"Content-Type", "application/pdf"});
    response.body_source = std::make_shared<PatternSource>(20 * kMiB, &produced, &destroyed);
    return response;
  });
  RawConnection c(server->port());
  ASSERT_TRUE(c.Send("HEAD /download HTTP/1.1\r\nHost: x\r\n\r\n"));
  const std::string head = c.ReadHead();
  EXPECT_EQ(StatusLine(head), "HTTP/1.1 200 OK");
  EXPECT_EQ(HeaderOf(head, "content-length"), std::to_string(20 * kMiB));
  ASSERT_TRUE(c.Send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n"));
  const std::string next = c.ReadResponse();
  EXPECT_NE(next.find("{\"next\":true}"), std::string::npos) << next;
  EXPECT_EQ(produced.load(), 0u);
  EXPECT_EQ(destroyed.load(), 1);
}

TEST(StreamingTest, ASourceErrorAfterTheHeadCutsTheConnection) {
  auto server = StartServer([](HttpRequest&) {
    HttpResponse response;
    response.body_source = std::make_shared<FailingSource>();
    return response;
  });
  RawConnection c(server->port());
  ASSERT_TRUE(c.Send("GET /download HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(c.ReadResponse(2s), "");  // never complete
  EXPECT_TRUE(c.ClosedByServer());
  EXPECT_TRUE(test::WaitFor([&] { return server->InFlight() == 0; }));
}

}  // namespace
}  // namespace iris::gateway::http
