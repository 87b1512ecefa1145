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

// Regression (the contract fuzzer, on a loaded machine: no answer within 2 s). Pistache 0.0.5
// takes an epoll event that is both readable and writable as readable only, so the 413 queued
// while a refused body was still pouring in waited for a write event that never came once the
// client stopped sending. The adapter re-arms such a write (ReapSlowRequests).
TEST(HttpFramingTest, ARefusalReachesAClientThatKeptSendingItsBody) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  Counted s(options);
  for (int round = 0; round < 3; ++round) {
    RawConnection c(s.server->port());
    ASSERT_TRUE(
        c.Send("POST /v1/x HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               "Content-Length: 100000000\r\n\r\n"));
    // As fast as the socket takes it, so input is pending whenever the answer's write is armed.
    const std::string chunk(256 * 1024, 'x');
    const auto until = std::chrono::steady_clock::now() + 300ms;
    while (std::chrono::steady_clock::now() < until && c.Send(chunk)) {
    }
    ExpectProblem(c.ReadResponse(1500ms), 413, "payload_too_large");
  }
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

// Regression: the second request of one write was dropped and the connection hung.
TEST(HttpFramingTest, RequestsInOneWriteAreAllAnsweredInOrder) {
  auto server = StartServer([](HttpRequest& r) {
    return Json("{\"path\":\"" + r.path + "\",\"body_bytes\":" + std::to_string(r.body.size()) +
                "}");
  });
  RawConnection c(server->port());
  ASSERT_TRUE(
      c.Send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n"
             "POST /two HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             "Content-Length: 2\r\n\r\n{}\r\n"  // a stray CRLF after a body is ignored
             "POST /three HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
             "3\r\nabc\r\n0\r\n\r\n"
             "GET /four HTTP/1.1\r\nHost: x\r\n\r\n"));
  for (const std::string expected :
       {"{\"path\":\"/one\",\"body_bytes\":0}", "{\"path\":\"/two\",\"body_bytes\":2}",
        "{\"path\":\"/three\",\"body_bytes\":3}", "{\"path\":\"/four\",\"body_bytes\":0}"}) {
    const std::string response = c.ReadResponse();
    EXPECT_EQ(StatusLine(response), "HTTP/1.1 200 OK") << response;
    EXPECT_NE(response.find(expected), std::string::npos) << expected << " in " << response;
  }
  // The last request may also end in the middle of a read: the rest completes it.
  ASSERT_TRUE(c.Send("GET /five HTTP/1.1\r\nHost: x\r\n\r\nGET /six HTTP/1.1\r\nHo"));
  EXPECT_NE(c.ReadResponse().find("/five"), std::string::npos);
  ASSERT_TRUE(c.Send("st: x\r\n\r\n"));
  EXPECT_NE(c.ReadResponse().find("/six"), std::string::npos);
}

TEST(HttpFramingTest, AClosingRequestEndsThePipeline) {
  Counted s;
  RawConnection c(s.server->port());
  ASSERT_TRUE(
      c.Send("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
             "GET /b HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(StatusLine(c.ReadResponse()), "HTTP/1.1 200 OK");
  EXPECT_TRUE(c.ClosedByServer());
  EXPECT_EQ(s.calls.load(), 1);
}

// Regression: a malformed request line waited ~10 s for a bare 408 without X-Request-Id, and a
// request without Host or with a folded header line was served.
TEST(HttpFramingTest, MalformedHeadsGetA400ProblemAtOnce) {
  Counted s;
  for (const std::string request :
       {"GARBAGE\r\n\r\n", "GET /v1/x HTTP/1.1\r\nno colon\r\n\r\n", "GET /v1/x HTTP/1.1\r\n\r\n",
        "GET /v1/x HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n  folded\r\n\r\n",
        "GET /v1/x HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\r\n"
        "Authorization: Bearer b\r\n\r\n"}) {
    SCOPED_TRACE(request);
    RawConnection c(s.server->port());
    const auto start = std::chrono::steady_clock::now();
    ASSERT_TRUE(c.Send(request));
    ExpectProblem(c.ReadResponse(), 400, "malformed");
    EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
    EXPECT_TRUE(c.ClosedByServer());
  }
  EXPECT_EQ(s.calls.load(), 0);
}

// Regression: HEAD was a 405. The adapter sends what the handler answered without the
// content, with the Content-Length GET gets (Pistache would have said 0).
TEST(HttpFramingTest, HeadAnswersHaveTheHeadOfGetAndNoContent) {
  Counted s;
  RawConnection c(s.server->port());
  ASSERT_TRUE(
      c.Send("HEAD /v1/x HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/x HTTP/1.1\r\nHost: x\r\n\r\n"));
  const std::string head = c.ReadHead();
  EXPECT_EQ(StatusLine(head), "HTTP/1.1 200 OK") << head;
  EXPECT_EQ(HeaderOf(head, "content-length"), "16") << head;  // {"body_bytes":0}
  EXPECT_EQ(HeaderOf(head, "content-type"), "application/json") << head;
  // The GET behind it is framed right after the head: no stray bytes in between.
  const std::string get = c.ReadResponse();
  EXPECT_EQ(StatusLine(get), "HTTP/1.1 200 OK") << get;
  EXPECT_NE(get.find("{\"body_bytes\":0}"), std::string::npos) << get;
}

}  // namespace
}  // namespace iris::gateway::http
