#include <gtest/gtest.h>

#include <sched.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "services/gateway/http/server.hpp"
#include "services/gateway/http/tests/test_client.hpp"

namespace iris::gateway::http {
namespace {

using namespace std::chrono_literals;
using test::Fetch;
using test::HeaderOf;
using test::IsUuidV4;
using test::Json;
using test::RawConnection;
using test::Reply;
using test::StartServer;
using test::WaitFor;

TEST(HttpServerTest, SlowHandlerDoesNotDelayOtherRequestsOnTheSameIoThread) {
  ServerOptions options;
  options.io_threads = 1;
  auto server = StartServer(
      [](HttpRequest& r) {
        if (r.path == "/slow") std::this_thread::sleep_for(1500ms);  // a blocking gRPC call
        return Json("{}");
      },
      options);
  auto slow = std::async(std::launch::async, [&] { return Fetch(server->port(), "GET", "/slow"); });
  ASSERT_TRUE(WaitFor([&] { return server->InFlight() == 1; }));
  const Reply fast = Fetch(server->port(), "GET", "/fast");
  EXPECT_EQ(fast.status, 200) << fast.error;
  EXPECT_LT(fast.elapsed, 300ms);
  EXPECT_EQ(slow.get().status, 200);
}

TEST(HttpServerTest, PinnedLanesServeFromTheIoThreadsCpu) {
  if (AllowedCpus().size() < 2) GTEST_SKIP() << "needs two CPUs";
  ServerOptions options;
  options.io_threads = 2;
  options.workers = 4;
  options.pin_threads = PinMode::kOn;
  // The worker reports the lane and CPU it ran on; a pinned I/O thread handed it the request.
  auto server = StartServer(
      [](HttpRequest&) {
        return Json("[" + std::to_string(CurrentLane()) + "," + std::to_string(sched_getcpu()) +
                    "]");
      },
      options);
  const auto cpus = server->LaneCpus();
  ASSERT_EQ(cpus.size(), 2u);
  for (int i = 0; i < 20; ++i) {  // new connections: both I/O threads get some
    const Reply r = Fetch(server->port(), "GET", "/where");
    ASSERT_EQ(r.status, 200) << r.error;
    int lane = -1, cpu = -1;
    ASSERT_EQ(std::sscanf(r.body.c_str(), "[%d,%d]", &lane, &cpu), 2) << r.body;
    ASSERT_TRUE(lane == 0 || lane == 1) << r.body;
    EXPECT_EQ(cpu, cpus[static_cast<size_t>(lane)]) << r.body;
  }
}

TEST(HttpServerTest, NonBlockingAnswerSkipsTheBusyWorkerPool) {
  ServerOptions options;
  options.workers = 1;
  std::atomic<int> worker_calls{0};
  auto server = StartServer(
      [&](HttpRequest& r) {
        ++worker_calls;
        if (r.path == "/slow") std::this_thread::sleep_for(1500ms);
        return Json("\"worker\"");
      },
      options,
      [](HttpRequest& r) -> std::optional<HttpResponse> {
        if (r.path != "/inline") return std::nullopt;
        return Json("\"inline\"");
      });
  auto slow = std::async(std::launch::async, [&] { return Fetch(server->port(), "GET", "/slow"); });
  ASSERT_TRUE(WaitFor([&] { return server->InFlight() == 1; }));
  const Reply fast = Fetch(server->port(), "GET", "/inline");
  EXPECT_EQ(fast.status, 200) << fast.error;
  EXPECT_EQ(fast.body, "\"inline\"");
  EXPECT_LT(fast.elapsed, 500ms);  // the only worker is busy for 1.5 s
  EXPECT_EQ(slow.get().body, "\"worker\"");
  EXPECT_EQ(worker_calls.load(), 1);
}

TEST(HttpServerTest, HandlerHeadersReachTheClientWithOneContentType) {
  auto server = StartServer([](HttpRequest&) {
    return HttpResponse{201,
                        {{"Content-Type", "application/json"},
                         {"X-Request-Id", "req-1"},
                         {"Location", "/v1/things/7"},
                         {"ETag", "\"3\""},
                         {"Retry-After", "5"},
                         {"Allow", "GET, POST"}},
                        "{\"id\":7}",
                        nullptr};
  });
  const Reply r = Fetch(server->port(), "POST", "/v1/things", {}, "{}");
  EXPECT_EQ(r.status, 201) << r.error;
  EXPECT_EQ(r.headers.count("content-type"), 1u);
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_EQ(r.Header("x-request-id"), "req-1");
  EXPECT_EQ(r.Header("location"), "/v1/things/7");
  EXPECT_EQ(r.Header("etag"), "\"3\"");
  EXPECT_EQ(r.Header("retry-after"), "5");
  EXPECT_EQ(r.Header("allow"), "GET, POST");
  EXPECT_EQ(r.body, "{\"id\":7}");
}

TEST(HttpServerTest, HeaderValueWithALineBreakIsDroppedNotSplit) {
  auto server = StartServer([](HttpRequest&) {
    HttpResponse r = Json("{}");
    r.headers.push_back({"Location", "/v1/x\r\nSet-Cookie: session=stolen"});
    r.headers.push_back({"ETag", "\"1\""});
    return r;
  });
  const Reply r = Fetch(server->port(), "GET", "/");
  EXPECT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.headers.count("set-cookie"), 0u);
  EXPECT_EQ(r.headers.count("location"), 0u);
  EXPECT_EQ(r.Header("etag"), "\"1\"");
}

TEST(HttpServerTest, RequestReachesTheHandlerRawPathDecodedQueryLowerCaseHeaders) {
  std::promise<HttpRequest> seen;
  auto server = StartServer([&](HttpRequest& r) {
    seen.set_value(r);
    return Json("{}");
  });
  const Reply r = Fetch(server->port(), "POST", "/v1/a%2Fb/c?name=J%C3%B5+x&b=2&&b=3&flag",
                        {"X-Custom-Thing: Value"}, "{\"k\":1}");
  ASSERT_EQ(r.status, 200) << r.error;
  const HttpRequest got = seen.get_future().get();
  EXPECT_EQ(got.method, "POST");
  EXPECT_EQ(got.path, "/v1/a%2Fb/c");
  using Q = std::vector<std::pair<std::string, std::string>>;
  // Arrival order, repeated names kept (Pistache's own map would keep b=2 only).
  EXPECT_EQ(got.query, (Q{{"name", "Jõ x"}, {"b", "2"}, {"b", "3"}, {"flag", ""}}));
  EXPECT_EQ(got.QueryValues("b"), (std::vector<std::string>{"2", "3"}));
  EXPECT_EQ(got.HeaderValue("x-custom-thing"), "Value");
  EXPECT_EQ(got.QueryValue("name"), "Jõ x");
  EXPECT_EQ(got.body, "{\"k\":1}");
  EXPECT_EQ(got.remote_address, "127.0.0.1");
  EXPECT_TRUE(got.http11);
}

TEST(HttpServerTest, Http11WithoutConnectionHeaderKeepsTheConnectionOpen) {
  auto server = StartServer([](HttpRequest& r) { return Json("\"" + r.path + "\""); });
  RawConnection c(server->port());
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.Send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n"));
  const std::string first = c.ReadResponse();
  ASSERT_TRUE(c.Send("GET /two HTTP/1.1\r\nHost: x\r\n\r\n"));
  const std::string second = c.ReadResponse();
  EXPECT_EQ(first.rfind("HTTP/1.1 200", 0), 0u) << first;
  EXPECT_NE(first.find("\"/one\""), std::string::npos) << first;
  EXPECT_EQ(HeaderOf(first, "connection"), "") << first;  // HTTP/1.1 persists by default
  EXPECT_EQ(second.rfind("HTTP/1.1 200", 0), 0u) << second;
  EXPECT_NE(second.find("\"/two\""), std::string::npos) << second;
}

TEST(HttpServerTest, ConnectionCloseAndHttp10CloseAfterTheResponse) {
  auto server = StartServer([](HttpRequest&) { return Json("{}"); });
  for (const std::string request :
       {"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "GET / HTTP/1.0\r\n\r\n"}) {
    RawConnection c(server->port());
    ASSERT_TRUE(c.Send(request));
    const std::string response = c.ReadResponse();
    EXPECT_NE(response.find(" 200 "), std::string::npos) << response;
    EXPECT_EQ(HeaderOf(response, "connection"), "close") << response;
    EXPECT_TRUE(c.ClosedByServer()) << request;
  }
}

TEST(HttpServerTest, Http10WithKeepAliveKeepsTheConnectionOpen) {
  auto server = StartServer([](HttpRequest&) { return Json("{}"); });
  RawConnection c(server->port());
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(c.Send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    const std::string response = c.ReadResponse();
    EXPECT_EQ(response.rfind("HTTP/1.0 200", 0), 0u) << i << ": " << response;
    EXPECT_EQ(HeaderOf(response, "connection"), "keep-alive") << response;
  }
}

TEST(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  ServerOptions options;
  options.workers = 4;
  auto server = StartServer(
      [](HttpRequest& r) {
        if (r.path == "/first") std::this_thread::sleep_for(300ms);  // finishes after /second would
        return Json("\"" + r.path + "\"");
      },
      options);
  RawConnection c(server->port());
  // Separate writes: Pistache 0.0.5 drops a second request that arrives in the same read.
  ASSERT_TRUE(c.Send("GET /first HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(WaitFor([&] { return server->InFlight() == 1; }));
  ASSERT_TRUE(c.Send("GET /second HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(WaitFor([&] { return server->InFlight() == 2; }));
  EXPECT_NE(c.ReadResponse().find("\"/first\""), std::string::npos);
  EXPECT_NE(c.ReadResponse().find("\"/second\""), std::string::npos);
}

TEST(HttpServerTest, EachRequestOfAConnectionGetsItsOwnQueryAlsoWhenItsBodyComesLater) {
  auto server = StartServer([](HttpRequest& r) {
    std::string seen;
    for (const auto& [name, value] : r.query) seen += name + "=" + value + ";";
    return Json("\"" + seen + "\"");
  });
  RawConnection c(server->port());
  ASSERT_TRUE(
      c.Send("POST /a?x=1&x=2 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             "Content-Length: 2\r\n\r\n"));
  std::this_thread::sleep_for(100ms);  // the head is parsed; the body is still to come
  ASSERT_TRUE(c.Send("{}"));
  EXPECT_NE(c.ReadResponse().find("\"x=1;x=2;\""), std::string::npos);
  ASSERT_TRUE(c.Send("GET /b?y=%33 HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_NE(c.ReadResponse().find("\"y=3;\""), std::string::npos);
  ASSERT_TRUE(c.Send("GET /c HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_NE(c.ReadResponse().find("\"\""), std::string::npos);
}

TEST(HttpServerTest, HandlerSlowerThanTheHeaderTimeoutStillAnswers) {
  ServerOptions options;
  options.header_timeout = 1s;  // Pistache would answer 408 on its own after this
  auto server = StartServer(
      [](HttpRequest&) {
        std::this_thread::sleep_for(2200ms);
        return Json("{}");
      },
      options);
  const Reply r = Fetch(server->port(), "GET", "/", {}, "", 6000);
  EXPECT_EQ(r.status, 200) << r.error;
}

TEST(HttpServerTest, BodyOneByteOverTheLimitGetsOurProblem413) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  std::atomic<int> calls{0};
  auto server = StartServer(
      [&](HttpRequest&) {
        ++calls;
        return Json("{}");
      },
      options);
  const Reply at_limit = Fetch(server->port(), "POST", "/", {}, std::string(1024, 'a'));
  EXPECT_EQ(at_limit.status, 200) << at_limit.error;
  const Reply over = Fetch(server->port(), "POST", "/", {}, std::string(1025, 'a'));
  EXPECT_EQ(over.status, 413) << over.error;
  EXPECT_EQ(over.Header("content-type"), "application/problem+json");
  EXPECT_NE(over.body.find("\"type\":\"/problems/payload_too_large\""), std::string::npos)
      << over.body;
  EXPECT_TRUE(IsUuidV4(over.Header("x-request-id")));
  EXPECT_EQ(calls.load(), 1);
}

TEST(HttpServerTest, BodyFarOverTheLimitGets413AndTheServerKeepsServing) {
  auto server = StartServer([](HttpRequest&) { return Json("{}"); });  // 1 MiB limit
  const Reply huge = Fetch(server->port(), "POST", "/", {}, std::string(2 << 20, 'a'), 10000);
  EXPECT_EQ(huge.status, 413) << huge.error;
  const Reply after = Fetch(server->port(), "GET", "/");
  EXPECT_EQ(after.status, 200) << after.error;
}

TEST(HttpServerTest, MalformedQueryGets400ProblemWithoutCallingTheHandler) {
  std::atomic<int> calls{0};
  auto server = StartServer([&](HttpRequest&) {
    ++calls;
    return Json("{}");
  });
  for (const std::string target : {"/v1/x?q=%ZZ", "/v1/x?q=%FF", "/v1/x?%E0=1"}) {
    const Reply r = Fetch(server->port(), "GET", target, {"X-Request-Id: client-id.1"});
    EXPECT_EQ(r.status, 400) << target << " " << r.error;
    EXPECT_EQ(r.Header("content-type"), "application/problem+json");
    EXPECT_NE(r.body.find("\"type\":\"/problems/malformed\""), std::string::npos) << r.body;
    EXPECT_EQ(r.Header("x-request-id"), "client-id.1");
    EXPECT_NE(r.body.find("urn:request:client-id.1"), std::string::npos) << r.body;
  }
  EXPECT_EQ(calls.load(), 0);
}

TEST(HttpServerTest, HandlerExceptionGetsGeneric500WithoutItsMessage) {
  auto server = StartServer(
      [](HttpRequest&) -> HttpResponse { throw std::runtime_error("db password is hunter2"); });
  const Reply r = Fetch(server->port(), "GET", "/", {"X-Request-Id: not valid!"});
  EXPECT_EQ(r.status, 500) << r.error;
  EXPECT_EQ(r.Header("content-type"), "application/problem+json");
  EXPECT_EQ(r.body.find("hunter2"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"status\":500"), std::string::npos) << r.body;
  EXPECT_TRUE(IsUuidV4(r.Header("x-request-id"))) << r.Header("x-request-id");
}

TEST(HttpServerTest, FullQueueGets503WithRetryAfterAtOnce) {
  ServerOptions options;
  options.workers = 1;
  options.queue_capacity = 1;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  auto server = StartServer(
      [&](HttpRequest&) {
        released.wait_for(5s);
        return Json("{}");
      },
      options);
  auto running = std::async(std::launch::async, [&] { return Fetch(server->port(), "GET", "/"); });
  ASSERT_TRUE(WaitFor([&] { return server->InFlight() == 1; }));
  auto queued = std::async(std::launch::async, [&] { return Fetch(server->port(), "GET", "/"); });
  ASSERT_TRUE(WaitFor([&] { return server->InFlight() == 2; }));
  const Reply rejected = Fetch(server->port(), "GET", "/", {"X-Request-Id: r-3"});
  release.set_value();
  EXPECT_EQ(rejected.status, 503) << rejected.error;
  EXPECT_LT(rejected.elapsed, 1000ms);
  EXPECT_EQ(rejected.Header("retry-after"), "1");
  EXPECT_EQ(rejected.Header("content-type"), "application/problem+json");
  EXPECT_EQ(rejected.Header("x-request-id"), "r-3");
  EXPECT_EQ(running.get().status, 200);
  EXPECT_EQ(queued.get().status, 200);
}

TEST(HttpServerTest, DrainWaitsForTheInFlightRequestToFinish) {
  auto server = StartServer([](HttpRequest&) {
    std::this_thread::sleep_for(1s);
    return Json("{}");
  });
  auto request = std::async(std::launch::async, [&] { return Fetch(server->port(), "GET", "/"); });
  ASSERT_TRUE(WaitFor([&] { return server->InFlight() == 1; }));
  EXPECT_FALSE(server->Drain(50ms));
  EXPECT_TRUE(server->Drain(5s));
  EXPECT_EQ(server->InFlight(), 0);
  EXPECT_EQ(request.get().status, 200);
  server->Shutdown();
}

TEST(HttpServerTest, TakenPortFailsWithFailedPrecondition) {
  auto first = StartServer([](HttpRequest&) { return Json("{}"); });
  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = first->port();
  Server second(options, [](HttpRequest&) { return Json("{}"); });
  const absl::Status status = second.Start();
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_EQ(status.message(), "port " + std::to_string(first->port()) + " is already in use");
}

}  // namespace
}  // namespace iris::gateway::http
