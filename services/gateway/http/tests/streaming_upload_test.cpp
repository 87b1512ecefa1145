// Streamed uploads through the adapter, over real sockets (issue 18): bodies reach the handler
// through a bounded pipe while they arrive, never held whole; framing, limits and timeouts.
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

TEST(StreamingTest, A20MiBUploadReachesTheHandlerThroughABoundedPipe) {
  std::atomic<size_t> high_water{0};
  auto server =
      StartServer([&](HttpRequest& r) { return CountingHandler(r, &high_water); }, Streaming());
  constexpr size_t kSize = 20 * kMiB;
  RawConnection c(server->port());
  ASSERT_TRUE(c.Send(PutHead(kSize)));
  Fnv expected;
  for (size_t sent = 0; sent < kSize; sent += kMiB) {
    const std::string part = Pattern(sent, kMiB);
    expected.Add(part);
    ASSERT_TRUE(c.Send(part));
  }
  const std::string response = c.ReadResponse(30s);
  EXPECT_EQ(StatusLine(response), "HTTP/1.1 200 OK") << response.substr(0, 300);
  EXPECT_NE(response.find("\"bytes\":" + std::to_string(kSize)), std::string::npos) << response;
  EXPECT_NE(response.find("\"hash\":\"" + std::to_string(expected.h) + "\""), std::string::npos)
      << response;
  // Never more than the pipe's capacity waited in the gateway (not 20 MiB, nor the 1 MiB JSON
  // body limit plus what Pistache would buffer).
  EXPECT_GT(high_water.load(), 0u);
  EXPECT_LE(high_water.load(), Streaming().body_pipe_bytes);
  // The connection goes on.
  ASSERT_TRUE(c.Send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(StatusLine(c.ReadResponse()), "HTTP/1.1 200 OK");
}

// An upload that is its connection's last request (Connection: close, or HTTP/1.0 without
// keep-alive) is dispatched before its body arrives: the body must still reach the handler
// (black-box finding 1: it was dropped and the upload ended 408 after 30 s).
TEST(StreamingTest, AnUploadThatClosesItsConnectionArrivesWhole) {
  std::atomic<size_t> high_water{0};
  auto server =
      StartServer([&](HttpRequest& r) { return CountingHandler(r, &high_water); }, Streaming());
  constexpr size_t kSize = 3 * kMiB;
  const std::string http10 =
      "PUT /files/a HTTP/1.0\r\nHost: x\r\nContent-Length: " + std::to_string(kSize) + "\r\n\r\n";
  for (const std::string& head : {PutHead(kSize, "Connection: close\r\n"), http10}) {
    RawConnection c(server->port());
    ASSERT_TRUE(c.Send(head));
    Fnv expected;
    for (size_t sent = 0; sent < kSize; sent += 256 * 1024) {
      const std::string part = Pattern(sent, 256 * 1024);
      expected.Add(part);
      ASSERT_TRUE(c.Send(part));
    }
    const std::string response = c.ReadResponse(10s);
    EXPECT_EQ(response.substr(response.find(' '), 8), " 200 OK\r") << response.substr(0, 300);
    EXPECT_NE(response.find("\"bytes\":" + std::to_string(kSize)), std::string::npos) << response;
    EXPECT_NE(response.find("\"hash\":\"" + std::to_string(expected.h) + "\""), std::string::npos)
        << response;
    EXPECT_EQ(HeaderOf(response, "connection"), "close");
    EXPECT_TRUE(c.ClosedByServer());
  }
}

// Pistache parses Content-Type into its own MediaType and throws on any type it does not know
// (font/woff2, x/y, a parameter without a value): an upload takes any type, as sent.
TEST(StreamingTest, AnUploadTakesAnyContentTypeAsSent) {
  auto server = StartServer(
      [](HttpRequest& r) {
        if (!r.body_stream) return Json("{}");
        while (true) {
          auto chunk = r.body_stream->Read(64 * 1024);
          if (!chunk.ok() || chunk->empty()) break;
        }
        const auto type = r.HeaderValue("content-type");
        const int types =
            static_cast<int>(std::count_if(r.headers.begin(), r.headers.end(), [](const Header& h) {
              return h.name == "content-type";
            }));
        return Json("{\"type\":\"" + (type ? *type : std::string("(none)")) +
                    "\",\"count\":" + std::to_string(types) + "}");
      },
      Streaming());
  for (const std::string type : {"font/woff2", "font/otf", "model/gltf+json", "chemical/x-pdb",
                                 "x/y", "text/plain; a", "", "*/*"}) {
    RawConnection c(server->port());
    ASSERT_TRUE(c.Send(PutHead(5000, "Content-Type: " + type + "\r\n") + std::string(5000, 'z')));
    const std::string response = c.ReadResponse();
    EXPECT_EQ(StatusLine(response), "HTTP/1.1 200 OK") << type << ": " << response;
    EXPECT_NE(response.find("{\"type\":\"" + type + "\",\"count\":1}"), std::string::npos)
        << type << ": " << response;
  }
  {  // no Content-Type at all: none is made up (the route defaults it)
    RawConnection c(server->port());
    ASSERT_TRUE(c.Send(PutHead(3) + "abc"));
    EXPECT_NE(c.ReadResponse().find("{\"type\":\"(none)\",\"count\":0}"), std::string::npos);
  }
  {  // the same type on a route whose body is not streamed keeps Pistache's typed parsing
    RawConnection c(server->port());
    ASSERT_TRUE(
        c.Send("POST /json HTTP/1.1\r\nHost: x\r\nContent-Type: x/y\r\n"
               "Content-Length: 2\r\n\r\n{}"));
    ExpectProblem(c.ReadResponse(), 400, "malformed");
  }
}

TEST(StreamingTest, AnAnswerBeforeTheBodyEndsIsSentAndClosesTheConnection) {
  std::atomic<int> calls{0};
  auto server = StartServer(
      [&](HttpRequest& r) {
        if (!r.body_stream) return Json("{}");
        ++calls;
        (void)r.body_stream->Read(1000);  // a little, then a refusal
        HttpResponse refused = Json("{\"refused\":true}");
        refused.status = 409;
        return refused;
      },
      Streaming());
  RawConnection c(server->port());
  ASSERT_TRUE(c.Send(PutHead(40 * kMiB)));
  // The client keeps sending; the gateway reads and drops what nobody reads any more.
  std::thread sender([&] {
    for (size_t sent = 0; sent < 8 * kMiB; sent += kMiB) {
      if (!c.Send(std::string(kMiB, 'x'))) break;
    }
  });
  const std::string response = c.ReadResponse(10s);
  EXPECT_EQ(StatusLine(response), "HTTP/1.1 409 Conflict") << response.substr(0, 300);
  EXPECT_EQ(HeaderOf(response, "connection"), "close");
  sender.join();
  EXPECT_TRUE(c.ClosedByServer(10s));
  EXPECT_EQ(calls.load(), 1);
  // The I/O thread is not stuck on the abandoned body.
  RawConnection other(server->port());
  ASSERT_TRUE(other.Send("GET /x HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(StatusLine(other.ReadResponse()), "HTTP/1.1 200 OK");
}

TEST(StreamingTest, ARequestPipelinedAfterAStreamedBodyIsAnswered) {
  std::atomic<size_t> high_water{0};
  auto server =
      StartServer([&](HttpRequest& r) { return CountingHandler(r, &high_water); }, Streaming());
  {  // all in one write
    RawConnection c(server->port());
    ASSERT_TRUE(c.Send(PutHead(10) + "0123456789" + "GET /after HTTP/1.1\r\nHost: x\r\n\r\n"));
    EXPECT_NE(c.ReadResponse().find("\"bytes\":10"), std::string::npos);
    const std::string second = c.ReadResponse();
    EXPECT_EQ(StatusLine(second), "HTTP/1.1 200 OK");
    EXPECT_NE(second.find("\"streamed\":false"), std::string::npos) << second;
  }
  {  // the body's end and the next request in a later read
    RawConnection c(server->port());
    ASSERT_TRUE(c.Send(PutHead(300000) + std::string(1000, 'a')));
    std::this_thread::sleep_for(50ms);
    ASSERT_TRUE(c.Send(std::string(299000, 'b') + "PUT /files/b HTTP/1.1\r\nHost: x\r\n" +
                       "Content-Length: 3\r\n\r\nxyz"));
    EXPECT_NE(c.ReadResponse().find("\"bytes\":300000"), std::string::npos);
    EXPECT_NE(c.ReadResponse().find("\"bytes\":3,"), std::string::npos);
  }
  {  // an empty body
    RawConnection c(server->port());
    ASSERT_TRUE(c.Send(PutHead(0) + "GET /after HTTP/1.1\r\nHost: x\r\n\r\n"));
    EXPECT_NE(c.ReadResponse().find("\"bytes\":0,"), std::string::npos);
    EXPECT_EQ(StatusLine(c.ReadResponse()), "HTTP/1.1 200 OK");
  }
}

TEST(StreamingTest, AnUploadWithoutContentLengthIs411) {
  std::atomic<int> calls{0};
  auto server = StartServer(
      [&](HttpRequest&) {
        ++calls;
        return Json("{}");
      },
      Streaming());
  {
    RawConnection c(server->port());
    ASSERT_TRUE(c.Send("PUT /files/a HTTP/1.1\r\nHost: x\r\n\r\n"));
    const std::string response = c.ReadResponse();
    ExpectProblem(response, 411, "length_required");
    EXPECT_EQ(StatusLine(response), "HTTP/1.1 411 Length Required");
  }
  {
    RawConnection c(server->port());
    ASSERT_TRUE(c.Send(
        "PUT /files/a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"));
    ExpectProblem(c.ReadResponse(), 411, "length_required");
    EXPECT_TRUE(c.ClosedByServer());
  }
  EXPECT_EQ(calls.load(), 0);
}

TEST(StreamingTest, AContentLengthOverTheUploadLimitIs413BeforeTheBody) {
  std::atomic<int> calls{0};
  ServerOptions options = Streaming();
  options.max_upload_bytes = 10 * kMiB;
  auto server = StartServer(
      [&](HttpRequest& r) {
        ++calls;
        while (r.body_stream) {
          auto chunk = r.body_stream->Read(64 * 1024);
          if (!chunk.ok() || chunk->empty()) break;
        }
        return Json("{}");
      },
      options);
  RawConnection c(server->port());
  // With Expect: 100-continue the client never sends the body: no 100 comes, the 413 does.
  ASSERT_TRUE(c.Send(PutHead(10 * kMiB + 1, "Expect: 100-continue\r\n")));
  const std::string response = c.ReadResponse();
  ExpectProblem(response, 413, "payload_too_large");
  EXPECT_EQ(response.find("100 Continue"), std::string::npos);
  EXPECT_TRUE(c.ClosedByServer());
  EXPECT_EQ(calls.load(), 0);
  // Exactly the limit is taken, and a body over the JSON limit too.
  RawConnection ok(server->port());
  ASSERT_TRUE(ok.Send(PutHead(2 * kMiB, "Expect: 100-continue\r\n")));
  const std::string invitation = ok.ReadHead();
  EXPECT_EQ(StatusLine(invitation), "HTTP/1.1 100 Continue");
  ASSERT_TRUE(ok.Send(std::string(2 * kMiB, 'z')));
  EXPECT_EQ(StatusLine(ok.ReadResponse(10s)), "HTTP/1.1 200 OK");
}

TEST(StreamingTest, ARequestRefusedBeforeItsBodyIsReadIsNeverInvitedToSendIt) {
  auto server = StartServer(
      [](HttpRequest&) {
        HttpResponse refused = Json("{}");
        refused.status = 404;
        return refused;
      },
      Streaming());
  RawConnection c(server->port());
  ASSERT_TRUE(c.Send(PutHead(40 * kMiB, "Expect: 100-continue\r\n")));
  const std::string response = c.ReadResponse();
  EXPECT_EQ(StatusLine(response), "HTTP/1.1 404 Not Found") << response;
  EXPECT_EQ(HeaderOf(response, "connection"), "close");
  EXPECT_TRUE(c.ClosedByServer());
}

// Streamed bodies are timed by progress: one longer than the body timeout arrives whole while
// bytes keep coming; one that stops gets 408 from its reader; a client that leaves is seen.
TEST(StreamingTest, AnUploadLongerThanTheBodyTimeoutLivesWhileBytesKeepComing) {
  std::atomic<size_t> high_water{0};
  ServerOptions options = Streaming();
  options.header_timeout = 1s;
  options.body_timeout = 1s;
  auto server =
      StartServer([&](HttpRequest& r) { return CountingHandler(r, &high_water); }, options);
  RawConnection c(server->port());
  ASSERT_TRUE(c.Send(PutHead(12 * 1000)));
  for (int i = 0; i < 12; ++i) {  // 2.4 s in all, never 1 s without a byte
    std::this_thread::sleep_for(200ms);
    ASSERT_TRUE(c.Send(std::string(1000, 'p')));
  }
  const std::string response = c.ReadResponse(5s);
  EXPECT_NE(response.find("\"bytes\":12000,"), std::string::npos) << response;
}

TEST(StreamingTest, AnUploadThatStopsIs408AndOneWhoseClientLeavesFailsItsReader) {
  std::atomic<int> errors{0};
  std::string last_error;
  std::mutex mu;
  ServerOptions options = Streaming();
  options.body_timeout = 1s;
  auto server = StartServer(
      [&](HttpRequest& r) -> HttpResponse {
        for (;;) {
          auto chunk = r.body_stream->Read(4096);
          if (!chunk.ok()) {
            ++errors;
            std::lock_guard lock(mu);
            last_error = chunk.status().ToString();
            HttpResponse failed = Json("{}");
            failed.status =
                chunk.status().code() == absl::StatusCode::kDeadlineExceeded ? 408 : 400;
            return failed;
          }
          if (chunk->empty()) return Json("{}");
        }
      },
      options);
  {
    RawConnection c(server->port());
    ASSERT_TRUE(c.Send(PutHead(5000) + std::string(100, 's')));
    const std::string response = c.ReadResponse(5s);  // after 1 s of silence
    EXPECT_EQ(StatusLine(response), "HTTP/1.1 408 Request Timeout") << response;
    EXPECT_EQ(HeaderOf(response, "connection"), "close");
    EXPECT_TRUE(c.ClosedByServer());
  }
  {
    std::lock_guard lock(mu);
    EXPECT_NE(last_error.find("DEADLINE_EXCEEDED"), std::string::npos) << last_error;
  }
  {
    auto c = std::make_unique<RawConnection>(server->port());
    ASSERT_TRUE(c->Send(PutHead(5000) + std::string(100, 'g')));
    std::this_thread::sleep_for(100ms);
    c.reset();  // the client leaves half-way
  }
  EXPECT_TRUE(test::WaitFor([&] { return errors.load() == 2; }));
  std::lock_guard lock(mu);
  EXPECT_NE(last_error.find("CANCELLED"), std::string::npos) << last_error;
}

}  // namespace
}  // namespace iris::gateway::http
