// Streamed bodies through the adapter, over real sockets (issue 18): uploads reach the handler
// through a bounded pipe while they arrive, downloads leave as the handler's source produces
// them, and neither is ever held whole.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "services/gateway/http/body_pipe.hpp"
#include "services/gateway/http/server.hpp"
#include "services/gateway/http/tests/test_client.hpp"

namespace iris::gateway::http {
namespace {

using namespace std::chrono_literals;
using test::HeaderOf;
using test::Json;
using test::RawConnection;
using test::StartServer;

constexpr size_t kMiB = 1 << 20;

// Byte i of a test body: a pattern that a shifted or dropped chunk cannot reproduce.
char PatternByte(uint64_t i) { return static_cast<char>((i * 131 + (i >> 13)) & 0xff); }

std::string Pattern(uint64_t from, size_t n) {
  std::string s(n, '\0');
  for (size_t k = 0; k < n; ++k) s[k] = PatternByte(from + k);
  return s;
}

// FNV-1a, the handler's and the client's view of the same bytes.
struct Fnv {
  uint64_t h = 1469598103934665603ull;
  void Add(std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  }
};

std::string StatusLine(const std::string& response) {
  return response.substr(0, response.find("\r\n"));
}

std::string PutHead(uint64_t length, const std::string& extra = "") {
  return "PUT /files/a HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(length) + "\r\n" +
         extra + "\r\n";
}

ServerOptions Streaming() {
  ServerOptions o;
  o.streams_body = [](std::string_view method, std::string_view path) {
    return method == "PUT" && path.starts_with("/files/");
  };
  o.max_upload_bytes = 50 * kMiB;
  return o;
}

// Reads the whole streamed body, slowly enough that the pipe fills, and reports what it saw.
HttpResponse CountingHandler(HttpRequest& r, std::atomic<size_t>* high_water) {
  if (!r.body_stream)
    return Json("{\"streamed\":false,\"bytes\":" + std::to_string(r.body.size()) + "}");
  Fnv fnv;
  uint64_t bytes = 0;
  int reads = 0;
  for (;;) {
    auto chunk = r.body_stream->Read(64 * 1024);
    if (!chunk.ok()) return Json("{\"error\":\"" + std::string(chunk.status().message()) + "\"}");
    if (chunk->empty()) break;
    fnv.Add(*chunk);
    bytes += chunk->size();
    if (++reads % 16 == 0) std::this_thread::sleep_for(2ms);  // slower than loopback
  }
  if (auto* pipe = dynamic_cast<BodyPipe*>(r.body_stream.get())) *high_water = pipe->high_water();
  return Json("{\"bytes\":" + std::to_string(bytes) + ",\"hash\":\"" + std::to_string(fnv.h) +
              "\"}");
}

void ExpectProblem(const std::string& response, int status, const std::string& type);

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

void ExpectProblem(const std::string& response, int status, const std::string& type) {
  EXPECT_EQ(response.rfind("HTTP/1.1 " + std::to_string(status) + " ", 0), 0u) << response;
  EXPECT_NE(response.find("\"type\":\"/problems/" + type + "\""), std::string::npos) << response;
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

// A body of `size` pattern bytes in 256 KiB chunks, counting what it produced.
class PatternSource : public BodySource {
 public:
  PatternSource(uint64_t size, std::atomic<uint64_t>* produced, std::atomic<int>* destroyed)
      : size_(size), produced_(produced), destroyed_(destroyed) {}
  ~PatternSource() override { ++*destroyed_; }
  uint64_t content_length() const override { return size_; }
  absl::StatusOr<std::string> Next() override {
    const uint64_t at = produced_->load();
    if (at == size_) return std::string();
    const size_t n = static_cast<size_t>(std::min<uint64_t>(256 * 1024, size_ - at));
    *produced_ += n;
    return Pattern(at, n);
  }

 private:
  uint64_t size_;
  std::atomic<uint64_t>* produced_;
  std::atomic<int>* destroyed_;
};

// A client socket with a small receive buffer, read by hand.
class SlowReader {
 public:
  explicit SlowReader(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    const int small = 64 * 1024;
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~SlowReader() { ::close(fd_); }
  bool connected() const { return connected_; }
  bool Send(const std::string& s) {
    return ::send(fd_, s.data(), s.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(s.size());
  }
  // Up to `max` bytes, waiting at most 5 s; "" on EOF or timeout.
  std::string Read(size_t max) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) return "";
    std::string buf(max, '\0');
    const ssize_t n = ::recv(fd_, buf.data(), max, 0);
    buf.resize(n > 0 ? static_cast<size_t>(n) : 0);
    return buf;
  }

 private:
  int fd_;
  bool connected_ = false;
};

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

// A source that fails half-way: the client sees the connection end short of Content-Length.
class FailingSource : public BodySource {
 public:
  uint64_t content_length() const override { return 4 * kMiB; }
  absl::StatusOr<std::string> Next() override {
    if (calls_++ < 4) return std::string(256 * 1024, 'f');
    return absl::UnavailableError("upstream went away");
  }

 private:
  int calls_ = 0;
};

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
