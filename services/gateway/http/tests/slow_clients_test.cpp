// Slow, silent and greedy clients (issue 14, item 3): a head that never completes is timed out
// with 408, and one address cannot hold more than its share of connections (429), while the
// server keeps serving everyone else.
#include <gtest/gtest.h>

#include <sys/resource.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "services/gateway/http/server.hpp"
#include "services/gateway/http/tests/test_client.hpp"

namespace iris::gateway::http {
namespace {

using namespace std::chrono_literals;
using test::Fetch;
using test::Json;
using test::RawConnection;
using test::StartServer;
using test::WaitFor;

// A new connection's request is answered 200.
bool AFreshConnectionIsServed(int port) {
  RawConnection c(port);
  return c.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n") &&
         c.ReadResponse().rfind("HTTP/1.1 200", 0) == 0;
}

TEST(SlowClientsTest, HalfARequestLineIsTimedOutWhileOthersAreServed) {
  ServerOptions options;
  options.header_timeout = 1s;
  auto server = StartServer([](HttpRequest&) { return Json("{}"); }, options);
  std::vector<std::unique_ptr<RawConnection>> stalled;
  for (int i = 0; i < 20; ++i) {
    stalled.push_back(std::make_unique<RawConnection>(server->port()));
    ASSERT_TRUE(stalled.back()->Send("GET /v1/countr"));
  }
  EXPECT_EQ(Fetch(server->port(), "GET", "/").status, 200) << "served beside the stalled ones";
  for (auto& c : stalled) {
    const std::string answer = c->ReadResponse(4s);
    EXPECT_EQ(answer.rfind("HTTP/1.1 408", 0), 0u) << answer;
    EXPECT_EQ(test::HeaderOf(answer, "content-type"), "application/problem+json") << answer;
    EXPECT_NE(answer.find("/problems/request_timeout"), std::string::npos) << answer;
    EXPECT_EQ(test::HeaderOf(answer, "connection"), "close") << answer;
    EXPECT_TRUE(c->ClosedByServer(2s));
  }
}

// The body's time counts from the request's first byte; a handler slower than the header
// timeout is not the client's delay.
TEST(SlowClientsTest, ABodyThatStopsHalfWayIsTimedOutAndASlowHandlerIsNot) {
  ServerOptions options;
  options.header_timeout = 1s;
  options.body_timeout = 2s;
  auto server = StartServer(
      [](HttpRequest& r) {
        if (r.path == "/slow") std::this_thread::sleep_for(2500ms);
        return Json("{}");
      },
      options);
  RawConnection partial(server->port());
  ASSERT_TRUE(
      partial.Send("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   "Content-Length: 10\r\n\r\n{\"a\""));
  const auto started = std::chrono::steady_clock::now();
  const std::string answer = partial.ReadResponse(5s);
  EXPECT_EQ(answer.rfind("HTTP/1.1 408", 0), 0u) << answer;
  EXPECT_GE(std::chrono::steady_clock::now() - started, 1500ms)
      << "the body timeout, not the head's";
  const auto slow = Fetch(server->port(), "GET", "/slow", {}, "", 6000);
  EXPECT_EQ(slow.status, 200) << slow.error;
}

TEST(SlowClientsTest, AnAddressHoldsAtMostItsShareOfConnections) {
  ServerOptions options;
  options.max_connections_per_address = 3;
  auto server = StartServer([](HttpRequest&) { return Json("{}"); }, options);
  std::vector<std::unique_ptr<RawConnection>> open;
  for (int i = 0; i < 3; ++i) {
    open.push_back(std::make_unique<RawConnection>(server->port()));
    ASSERT_TRUE(open.back()->Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    EXPECT_EQ(open.back()->ReadResponse().rfind("HTTP/1.1 200", 0), 0u);
  }
  RawConnection one_more(server->port());
  ASSERT_TRUE(one_more.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  const std::string refused = one_more.ReadResponse();
  EXPECT_EQ(refused.rfind("HTTP/1.1 429", 0), 0u) << refused;
  EXPECT_NE(refused.find("application/problem+json"), std::string::npos) << refused;
  EXPECT_NE(refused.find("/problems/rate_limited"), std::string::npos) << refused;
  EXPECT_NE(refused.find("Retry-After: 1"), std::string::npos) << refused;
  EXPECT_TRUE(one_more.ClosedByServer());
  // The three keep working, and closing one makes room.
  ASSERT_TRUE(open[0]->Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(open[0]->ReadResponse().rfind("HTTP/1.1 200", 0), 0u);
  open.pop_back();
  EXPECT_TRUE(WaitFor([&] { return AFreshConnectionIsServed(server->port()); }, 3s));
}

// Pistache drops a peer its idle check times out without telling the handler: the place it
// held must come back anyway.
TEST(SlowClientsTest, TimedOutConnectionsGiveTheirPlaceBack) {
  ServerOptions options;
  options.max_connections_per_address = 2;
  options.header_timeout = 1s;
  auto server = StartServer([](HttpRequest&) { return Json("{}"); }, options);
  for (int round = 0; round < 3; ++round) {
    RawConnection a(server->port()), b(server->port());
    ASSERT_TRUE(a.Send("GET / HT"));
    ASSERT_TRUE(b.Send("GET / HT"));
    EXPECT_EQ(a.ReadResponse(4s).rfind("HTTP/1.1 408", 0), 0u);
    EXPECT_EQ(b.ReadResponse(4s).rfind("HTTP/1.1 408", 0), 0u);
    EXPECT_TRUE(a.ClosedByServer(2s));
    EXPECT_TRUE(b.ClosedByServer(2s));
  }
  EXPECT_TRUE(WaitFor([&] { return AFreshConnectionIsServed(server->port()); }, 3s));
}

// CPU time of this process (every thread), in milliseconds.
long ProcessCpuMs() {
  rusage r{};
  getrusage(RUSAGE_SELF, &r);
  return (r.ru_utime.tv_sec + r.ru_stime.tv_sec) * 1000L +
         (r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1000L;
}

// Pistache 0.0.5 retries a write that met EAGAIN at once, in a loop (fixed upstream after
// 0.0.5): an answer larger than the socket takes, to a client that reads nothing, holds its I/O
// thread at 100 % and every other peer of that thread waits. The reaper cuts such a connection
// once no write settled for body_timeout, which ends the loop.
TEST(SlowClientsTest, AnAnswerNobodyReadsIsCutAfterTheBodyTimeout) {
  ServerOptions options;
  options.body_timeout = 1s;
  auto server = StartServer(
      [](HttpRequest& r) {
        return Json(r.path == "/big" ? "\"" + std::string(32 << 20, 'x') + "\"" : "{}");
      },
      options);
  RawConnection silent(server->port());
  ASSERT_TRUE(silent.Send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::this_thread::sleep_for(2500ms);  // the timeout, the reaper's tick, and some
  const long before = ProcessCpuMs();
  std::this_thread::sleep_for(1s);
  EXPECT_LT(ProcessCpuMs() - before, 300) << "an I/O thread still spins on the unread answer";
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(AFreshConnectionIsServed(server->port()));
}

}  // namespace
}  // namespace iris::gateway::http
