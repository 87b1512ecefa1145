// CheckRequestHead on raw bytes: what is refused at once, what waits for more.
#include "services/gateway/http/request_head.hpp"

#include <gtest/gtest.h>

#include <string>

#include "libs/status/problem.hpp"
#include "libs/status/status.hpp"

namespace iris::gateway::http {
namespace {

using Verdict = HeadCheck::Verdict;

Verdict Of(const std::string& data) { return CheckRequestHead(data).verdict; }

TEST(RequestHeadTest, AWellFormedHeadIsCompleteWhereItsEmptyLineEnds) {
  const std::string head = "GET /v1/x?a=b HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n";
  auto check = CheckRequestHead(head + "{\"body\":1}");
  EXPECT_EQ(check.verdict, Verdict::kComplete);
  EXPECT_EQ(check.head_bytes, head.size());
  EXPECT_EQ(Of("GET / HTTP/1.0\r\n\r\n"), Verdict::kComplete);           // 1.0 needs no Host
  EXPECT_EQ(Of("GET / HTTP/1.1\r\nHost:\r\n\r\n"), Verdict::kComplete);  // empty Host is allowed
}

TEST(RequestHeadTest, PartialHeadsWait) {
  for (const std::string partial :
       {"", "G", "GET", "GET /v1/x HTT", "GET / HTTP/1.1\r", "GET / HTTP/1.1\r\nHost: x\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nAccept: text"}) {
    SCOPED_TRACE(partial);
    EXPECT_EQ(Of(partial), Verdict::kIncomplete);
  }
}

// Regression: these waited for Pistache's 10 s header timeout and a bare 408.
TEST(RequestHeadTest, MalformedRequestLinesAreRefusedAtOnce) {
  for (const std::string bad :
       {"GARBAGE\r\n\r\n", "GET\r\n", "GET /\r\n", "GET / HTTP/1.1 extra\r\n",
        "GET  / HTTP/1.1\r\n", " GET / HTTP/1.1\r\n", "GET / HTTP/2.0\r\n",
        "GET /a\x01 HTTP/1.1\r\n", "GET / HTTP/1.1\n", "G(T / HTTP/1.1\r\n", "\x16\x03\x01\x02\x00",
        "\r\n"}) {
    SCOPED_TRACE(bad);
    auto check = CheckRequestHead(bad);
    EXPECT_EQ(check.verdict, Verdict::kRefused);
    EXPECT_EQ(status::HttpStatusFor(check.status), 400);
    EXPECT_EQ(status::DetailOf(check.status).reason(), "malformed");
  }
}

TEST(RequestHeadTest, MalformedHeaderLinesAreRefusedAtOnce) {
  for (const std::string bad : {
           "no colon here\r\n",               // waited for the 408 before
           "Name : value\r\n",                // space before the colon (RFC 9112 §5.1)
           "X-Folded: a\r\n  continued\r\n",  // obs-fold (RFC 9112 §5.2)
           "\tX: y\r\n",
           "X-Bad\x01: v\r\n",
           "X-Lf-Only: v\n",
       }) {
    SCOPED_TRACE(bad);
    const std::string request = "GET / HTTP/1.1\r\nHost: x\r\n" + bad;
    EXPECT_EQ(Of(request), Verdict::kRefused);
  }
  const std::string nul("GET / HTTP/1.1\r\nHost: x\r\nX-Nul: a\0b\r\n", 37);
  EXPECT_EQ(Of(nul), Verdict::kRefused);
}

// Regression: a request without Host was served.
TEST(RequestHeadTest, Http11RequiresExactlyOneHost) {
  EXPECT_EQ(Of("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n"), Verdict::kRefused);
  EXPECT_EQ(Of("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n"), Verdict::kRefused);
  EXPECT_EQ(Of("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n"), Verdict::kRefused);
}

// Regression: Pistache kept the first Authorization and dropped the second silently.
TEST(RequestHeadTest, HeadersThatMustNotRepeatAreRefusedTwice) {
  for (const std::string name : {"Authorization", "content-length", "Content-Type", "If-Match",
                                 "Idempotency-Key", "X-Request-Id"}) {
    SCOPED_TRACE(name);
    const std::string request =
        "POST / HTTP/1.1\r\nHost: x\r\n" + name + ": a\r\n" + name + ": a\r\n\r\n";
    auto check = CheckRequestHead(request);
    EXPECT_EQ(check.verdict, Verdict::kRefused);
    EXPECT_NE(check.status.message().find("twice"), std::string::npos) << check.status;
  }
  // Others may repeat (Pistache keeps the first; none of them changes the meaning here).
  EXPECT_EQ(Of("GET / HTTP/1.1\r\nHost: x\r\nAccept: a\r\nAccept: b\r\nVia: 1\r\nVia: 2\r\n\r\n"),
            Verdict::kComplete);
}

TEST(RequestHeadTest, RawHeaderValueReadsALineEvenOfAMalformedHead) {
  const std::string head =
      "GET /a\x01 HTTP/1.1\r\nHost: x\r\nx-REQUEST-id:  abc-1 \r\nbad line\r\n";
  EXPECT_EQ(RawHeaderValue(head, "x-request-id"), "abc-1");
  EXPECT_EQ(RawHeaderValue(head, "host"), "x");
  EXPECT_EQ(RawHeaderValue(head, "accept"), std::nullopt);
  // Not past the empty line (a body is not a head), not from a line that has not ended.
  EXPECT_EQ(RawHeaderValue("GET / HTTP/1.1\r\n\r\nX-Request-Id: b\r\n", "x-request-id"),
            std::nullopt);
  EXPECT_EQ(RawHeaderValue("GET / HTTP/1.1\r\nX-Request-Id: b", "x-request-id"), std::nullopt);
  EXPECT_EQ(RawHeaderValue("", "x-request-id"), std::nullopt);
}

TEST(RawQueryTest, IsTheTargetsQueryAsSent) {
  EXPECT_EQ(RawQuery("GET /v1/x?country=RS&country=BA HTTP/1.1\r\nHost: a\r\n\r\n"),
            "country=RS&country=BA");
  EXPECT_EQ(RawQuery("GET /v1/x?q=a%20b#frag HTTP/1.1\r\n"), "q=a%20b");
  EXPECT_EQ(RawQuery("GET /v1/x HTTP/1.1\r\n"), "");
  EXPECT_EQ(RawQuery("GET /v1/x? HTTP/1.1\r\n"), "");
  EXPECT_EQ(RawQuery("GET http://h/v1/x?a=1 HTTP/1.1\r\n"), "a=1");
  EXPECT_EQ(RawQuery(""), "");
  EXPECT_EQ(RawQuery("GET"), "");
}

// Issue 14: a 128 KiB query, 1,000 headers and one 100 KiB header were all served.
TEST(RequestHeadTest, ARequestLineOverItsLimitIs414AsSoonAsItIsKnown) {
  const HeadLimits limits{.request_line = 100};
  const std::string ok = "GET /" + std::string(100 - 14, 'a') + " HTTP/1.1";
  ASSERT_EQ(ok.size(), 100u);
  EXPECT_EQ(CheckRequestHead(ok + "\r\nHost: x\r\n\r\n", limits).verdict, Verdict::kComplete);
  const std::string long_line = "GET /" + std::string(200, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n";
  auto whole = CheckRequestHead(long_line, limits);
  EXPECT_EQ(whole.verdict, Verdict::kRefused);
  EXPECT_EQ(status::HttpStatusFor(whole.status), 414);
  // Without its end yet: refused once more bytes than the limit arrived, not buffered on.
  auto partial = CheckRequestHead(long_line.substr(0, 150), limits);
  EXPECT_EQ(status::HttpStatusFor(partial.status), 414);
  EXPECT_EQ(CheckRequestHead(long_line.substr(0, 90), limits).verdict, Verdict::kIncomplete);
}

TEST(RequestHeadTest, TooManyTooLongOrTooLargeHeadersAre431) {
  const HeadLimits limits{.header_line = 50, .header_count = 5, .headers = 200};
  const std::string start = "GET / HTTP/1.1\r\nHost: x\r\n";
  std::string five = start;
  for (int i = 0; i < 4; ++i) five += "X-" + std::to_string(i) + ": y\r\n";
  EXPECT_EQ(CheckRequestHead(five + "\r\n", limits).verdict, Verdict::kComplete);
  auto six = CheckRequestHead(five + "X-5: y\r\n\r\n", limits);
  EXPECT_EQ(status::HttpStatusFor(six.status), 431);
  EXPECT_EQ(status::DetailOf(six.status).reason(), "headers_too_large");
  auto long_line = CheckRequestHead(start + "X-Long: " + std::string(60, 'v') + "\r\n\r\n", limits);
  EXPECT_EQ(status::HttpStatusFor(long_line.status), 431);
  // A header line without its end yet, already too long: refused now.
  auto growing = CheckRequestHead(start + "X-Long: " + std::string(60, 'v'), limits);
  EXPECT_EQ(status::HttpStatusFor(growing.status), 431);
  const HeadLimits small_total{.header_line = 100, .header_count = 100, .headers = 60};
  auto total = CheckRequestHead(
      start + "X-A: " + std::string(30, 'v') + "\r\nX-B: " + std::string(30, 'v') + "\r\n\r\n",
      small_total);
  EXPECT_EQ(status::HttpStatusFor(total.status), 431);
}

}  // namespace
}  // namespace iris::gateway::http
