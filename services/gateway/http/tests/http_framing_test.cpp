// What the adapter answers for requests Pistache's parser rejects, and how it frames bodies:
// problem+json instead of Pistache's text 500s, Expect: 100-continue, Content-Length checks.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "services/gateway/http/server.hpp"
#include "services/gateway/http/tests/test_client.hpp"

namespace iris::gateway::http {
namespace {

using namespace std::chrono_literals;
using test::HeaderOf;
using test::IsUuidV4;
using test::Json;
using test::RawConnection;
using test::StartServer;

struct Counted {
  std::atomic<int> calls{0};
  std::unique_ptr<Server> server;

  explicit Counted(ServerOptions options = {}) {
    server = StartServer(
        [this](HttpRequest& r) {
          ++calls;
          return Json("{\"body_bytes\":" + std::to_string(r.body.size()) + "}");
        },
        options);
  }
};

std::string StatusLine(const std::string& response) {
  return response.substr(0, response.find("\r\n"));
}

void ExpectProblem(const std::string& response, int status, const std::string& type) {
  EXPECT_EQ(response.rfind("HTTP/1.1 " + std::to_string(status) + " ", 0), 0u) << response;
  EXPECT_EQ(HeaderOf(response, "content-type"), "application/problem+json") << response;
  EXPECT_TRUE(IsUuidV4(HeaderOf(response, "x-request-id"))) << response;
  EXPECT_NE(response.find("\"type\":\"/problems/" + type + "\""), std::string::npos) << response;
  EXPECT_EQ(HeaderOf(response, "connection"), "close") << response;
}

// Each of these made Pistache 0.0.5 answer a text/plain 500 with its exception message.
TEST(HttpFramingTest, UnparsableStandardHeadersGet400ProblemNever500) {
  Counted s;
  for (const std::string header :
       {"Cookie: novalue", "Host: example.org:99999999", "Content-Length: -1",
        "Content-Length: 99999999999999999999999", "Date: yesterday", "Cache-Control: max-age=x",
        "Accept: \xff\xfe/\x80", "Content-Length: abc", "Content-Length: 1 2"}) {
    RawConnection c(s.server->port());
    ASSERT_TRUE(c.Send("GET /v1/x HTTP/1.1\r\nHost: x\r\n" + header + "\r\n\r\n"));
    const std::string response = c.ReadResponse();
    SCOPED_TRACE(header);
    ExpectProblem(response, 400, "malformed");
    EXPECT_TRUE(c.ClosedByServer());
  }
  EXPECT_EQ(s.calls.load(), 0);
  // The server is unharmed.
  RawConnection c(s.server->port());
  ASSERT_TRUE(c.Send("GET /v1/x HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(StatusLine(c.ReadResponse()), "HTTP/1.1 200 OK");
}

TEST(HttpFramingTest, RequestLineAndTransferCodingErrorsAreProblems) {
  Counted s;
  struct Case {
    std::string request;
    int status;
    std::string type;
  };
  for (const Case& k : {
           Case{"BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n", 400, "malformed"},
           Case{"GET / HTTP/9.9\r\nHost: x\r\n\r\n", 400, "malformed"},
           Case{"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501,
                "not_implemented"},
           Case{
               "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: garbage\r\nContent-Length: 2\r\n\r\n{}",
               400, "malformed"},
       }) {
    RawConnection c(s.server->port());
    ASSERT_TRUE(c.Send(k.request));
    SCOPED_TRACE(k.request);
    ExpectProblem(c.ReadResponse(), k.status, k.type);
  }
  EXPECT_EQ(s.calls.load(), 0);
}

TEST(HttpFramingTest, ExpectContinueInvitesTheBody) {
  Counted s;
  RawConnection c(s.server->port());
  ASSERT_TRUE(
      c.Send("POST /v1/x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
             "Expect: 100-continue\r\n\r\n"));
  EXPECT_EQ(StatusLine(c.ReadResponse(3s)), "HTTP/1.1 100 Continue");
  ASSERT_TRUE(c.Send("hello"));
  const std::string response = c.ReadResponse();
  EXPECT_EQ(StatusLine(response), "HTTP/1.1 200 OK");
  EXPECT_NE(response.find("{\"body_bytes\":5}"), std::string::npos) << response;
  // The next request on the connection gets its own 100.
  ASSERT_TRUE(
      c.Send("POST /v1/x HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
             "Expect: 100-continue\r\n\r\n"));
  EXPECT_EQ(StatusLine(c.ReadResponse(3s)), "HTTP/1.1 100 Continue");
  ASSERT_TRUE(c.Send("{}"));
  EXPECT_EQ(StatusLine(c.ReadResponse()), "HTTP/1.1 200 OK");
  EXPECT_EQ(s.calls.load(), 2);
}

TEST(HttpFramingTest, DeclaredBodyOverTheLimitIsRefusedBeforeItIsSent) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  Counted s(options);
  RawConnection c(s.server->port());
  ASSERT_TRUE(
      c.Send("POST /v1/x HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n"
             "Expect: 100-continue\r\n\r\n"));
  ExpectProblem(c.ReadResponse(3s), 413, "payload_too_large");
  EXPECT_TRUE(c.ClosedByServer());
  EXPECT_EQ(s.calls.load(), 0);
}

TEST(HttpFramingTest, InputAfterAClosingAnswerIsIgnored) {
  Counted s;
  RawConnection c(s.server->port());
  ASSERT_TRUE(c.Send("GET / HTTP/1.1\r\nHost: x\r\nCookie: broken\r\n\r\n"));
  ExpectProblem(c.ReadResponse(), 400, "malformed");
  // The head was rejected, so these bytes cannot be framed: no second answer comes.
  c.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(c.ReadResponse(300ms), "");
  EXPECT_EQ(s.calls.load(), 0);
}

}  // namespace
}  // namespace iris::gateway::http
