// How streamed transfers may hold the gateway's threads (issue 18 review): late readers, uploads
// behind other requests, transfer caps, minimum rates, absurd lengths.
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

// Review fixes (issue 18): limits on how streamed transfers may hold the gateway's threads.

// A handler that starts reading late (its job queued behind busy workers) no longer blocks its
// I/O thread: the writer waits at most upload_first_read_wait, the upload is answered 503, and
// the I/O thread's other connections are served meanwhile.
TEST(StreamingTest, AnUploadNobodyReadsYetIsRefusedWithoutFreezingItsIoThread) {
  ServerOptions options = Streaming();
  options.io_threads = 1;
  options.upload_first_read_wait = 300ms;
  std::string seen;
  std::mutex mu;
  auto server = StartServer(
      [&](HttpRequest& r) -> HttpResponse {
        if (!r.body_stream) return Json("{\"ping\":true}");
        std::this_thread::sleep_for(2500ms);  // as if queued behind busy workers
        auto chunk = r.body_stream->Read(64 * 1024);
        std::lock_guard lock(mu);
        seen = chunk.ok() ? "ok" : chunk.status().ToString();
        HttpResponse answer = Json("{}");
        answer.status = chunk.ok() ? 200 : 503;
        return answer;
      },
      options);
  RawConnection upload(server->port());
  ASSERT_TRUE(upload.Send(PutHead(8 * kMiB)));
  std::thread sender([&] {
    for (size_t sent = 0; sent < 8 * kMiB; sent += kMiB) {
      if (!upload.Send(std::string(kMiB, 'q'))) break;
    }
  });
  std::this_thread::sleep_for(700ms);  // the pipe is full and its wait is over
  RawConnection other(server->port());
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(other.Send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(StatusLine(other.ReadResponse(5s)), "HTTP/1.1 200 OK");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1000ms);  // not after the 2.5 s
  const std::string response = upload.ReadResponse(10s);
  EXPECT_EQ(StatusLine(response), "HTTP/1.1 503 Service Unavailable") << response.substr(0, 300);
  EXPECT_EQ(HeaderOf(response, "connection"), "close");
  sender.join();
  std::lock_guard lock(mu);
  EXPECT_NE(seen.find("UNAVAILABLE"), std::string::npos) << seen;
}

// An upload larger than the pipe behind another request of its connection is refused at once.
TEST(StreamingTest, AnUploadBehindAnotherRequestOfItsConnectionIs503AndCloses) {
  std::atomic<int> uploads{0};
  auto server = StartServer(
      [&](HttpRequest& r) {
        if (r.body_stream) {
          ++uploads;
          return Json("{}");
        }
        std::this_thread::sleep_for(500ms);
        return Json("{\"slow\":true}");
      },
      Streaming());
  RawConnection c(server->port());
  ASSERT_TRUE(c.Send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n" + PutHead(4 * kMiB)));
  const std::string first = c.ReadResponse(5s);
  EXPECT_NE(first.find("{\"slow\":true}"), std::string::npos) << first;
  const std::string second = c.ReadResponse(5s);
  ExpectProblem(second, 503, "overloaded");
  EXPECT_FALSE(HeaderOf(second, "retry-after").empty());
  EXPECT_EQ(HeaderOf(second, "connection"), "close");
  EXPECT_EQ(uploads.load(), 0);
}

// Transfers beyond the gateway-wide cap, or the per-address cap, are answered 503 with
// Retry-After, uploads before their body is read; the slot comes back when the transfer ends.
TEST(StreamingTest, TransfersOverTheCapsAre503) {
  for (const bool per_address : {false, true}) {
    std::atomic<uint64_t> produced{0};
    std::atomic<int> destroyed{0};
    ServerOptions options = Streaming();
    options.max_transfers = per_address ? 10 : 1;
    options.max_transfers_per_address = per_address ? 1 : 10;
    auto server = StartServer(
        [&](HttpRequest& r) {
          if (r.body_stream) return Json("{\"upload\":true}");
          HttpResponse response;
          response.body_source = std::make_shared<PatternSource>(64 * kMiB, &produced, &destroyed);
          return response;
        },
        options);
    auto holder = std::make_unique<SlowReader>(server->port());  // reads nothing for now
    ASSERT_TRUE(holder->Send("GET /download HTTP/1.1\r\nHost: x\r\n\r\n"));
    ASSERT_TRUE(test::WaitFor([&] { return produced.load() > 0; }));
    RawConnection download(server->port());
    ASSERT_TRUE(download.Send("GET /download HTTP/1.1\r\nHost: x\r\n\r\n"));
    const std::string refused = download.ReadResponse(5s);
    ExpectProblem(refused, 503, "overloaded");
    EXPECT_FALSE(HeaderOf(refused, "retry-after").empty());
    RawConnection upload(server->port());
    ASSERT_TRUE(upload.Send(PutHead(10, "Expect: 100-continue\r\n")));
    const std::string upload_refused = upload.ReadResponse(5s);
    ExpectProblem(upload_refused, 503, "overloaded");
    EXPECT_EQ(upload_refused.find("100 Continue"), std::string::npos);
    holder.reset();  // the first transfer ends: its slot is free again
    ASSERT_TRUE(test::WaitFor([&] { return destroyed.load() == 2; }));
    ASSERT_TRUE(test::WaitFor([&] { return server->InFlight() == 0; }));
    RawConnection again(server->port());
    ASSERT_TRUE(again.Send(PutHead(10) + "0123456789"));
    EXPECT_NE(again.ReadResponse(5s).find("{\"upload\":true}"), std::string::npos);
  }
}

// A trickle that keeps moving (never idle for the body timeout) is still cut once its average
// rate falls below the minimum after the grace period: an upload answers 408, a download is
// cut off.
TEST(StreamingTest, TransfersSlowerThanTheMinimumRateAreCut) {
  ServerOptions options = Streaming();
  options.min_transfer_rate = 8 * kMiB;  // the kernel buffers megabytes of a download
  options.transfer_rate_grace = 500ms;
  std::atomic<uint64_t> produced{0};
  std::atomic<int> destroyed{0};
  auto server = StartServer(
      [&](HttpRequest& r) -> HttpResponse {
        if (!r.body_stream) {
          HttpResponse response;
          response.body_source = std::make_shared<PatternSource>(256 * kMiB, &produced, &destroyed);
          return response;
        }
        for (;;) {
          auto chunk = r.body_stream->Read(4096);
          if (!chunk.ok()) {
            HttpResponse failed = Json("{}");
            failed.status =
                chunk.status().code() == absl::StatusCode::kDeadlineExceeded ? 408 : 500;
            return failed;
          }
          if (chunk->empty()) return Json("{}");
        }
      },
      options);
  RawConnection upload(server->port());
  ASSERT_TRUE(upload.Send(PutHead(100000)));
  const auto start = std::chrono::steady_clock::now();
  std::thread trickle([&] {
    for (int i = 0; i < 30; ++i) {  // 10 KB/s
      std::this_thread::sleep_for(100ms);
      if (!upload.Send(std::string(1000, 't'))) break;
    }
  });
  const std::string response = upload.ReadResponse(5s);
  EXPECT_EQ(StatusLine(response), "HTTP/1.1 408 Request Timeout") << response;
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  trickle.join();

  SlowReader reader(server->port());
  ASSERT_TRUE(reader.Send("GET /download HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::this_thread::sleep_for(3s);  // reads nothing: the kernel's buffers fill, then it stalls
  uint64_t received = 0;
  for (;;) {
    const std::string part = reader.Read(1 << 20);
    if (part.empty()) break;
    received += part.size();
  }
  EXPECT_LT(received, 256 * kMiB);  // cut, not sent whole
  EXPECT_TRUE(test::WaitFor([&] { return destroyed.load() == 1; }));
}

// A Content-Length far past any limit gets the 413 of the upload limit, not a 400 from
// Pistache's parser reserving the body.
TEST(StreamingTest, AHugeContentLengthIs413) {
  auto server = StartServer([](HttpRequest&) { return Json("{}"); }, Streaming());
  for (const std::string length : {"1000000000000", "1000000000000000000"}) {
    RawConnection c(server->port());
    ASSERT_TRUE(
        c.Send("PUT /files/a HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n"));
    ExpectProblem(c.ReadResponse(), 413, "payload_too_large");
    RawConnection json(server->port());
    ASSERT_TRUE(
        json.Send("POST /items HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n"));
    ExpectProblem(json.ReadResponse(), 413, "payload_too_large");
  }
}

}  // namespace
}  // namespace iris::gateway::http
