// What the streaming tests share (streaming_upload_test, streaming_download_test,
// streaming_limits_test): test bodies, their hashes, a server that streams PUT /files/...,
// a handler that reads a streamed body, and sources and a slow client for downloads.
#pragma once

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

namespace iris::gateway::http::streaming_testing {

using namespace std::chrono_literals;
using test::HeaderOf;
using test::Json;
using test::RawConnection;
using test::StartServer;

inline constexpr size_t kMiB = 1 << 20;

// Byte i of a test body: a pattern that a shifted or dropped chunk cannot reproduce.
inline char PatternByte(uint64_t i) { return static_cast<char>((i * 131 + (i >> 13)) & 0xff); }

inline std::string Pattern(uint64_t from, size_t n) {
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

inline std::string StatusLine(const std::string& response) {
  return response.substr(0, response.find("\r\n"));
}

inline std::string PutHead(uint64_t length, const std::string& extra = "") {
  return "PUT /files/a HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(length) + "\r\n" +
         extra + "\r\n";
}

inline ServerOptions Streaming() {
  ServerOptions o;
  o.streams_body = [](std::string_view method, std::string_view path) {
    return method == "PUT" && path.starts_with("/files/");
  };
  o.max_upload_bytes = 50 * kMiB;
  return o;
}

// Reads the whole streamed body, slowly enough that the pipe fills, and reports what it saw.
inline HttpResponse CountingHandler(HttpRequest& r, std::atomic<size_t>* high_water) {
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

inline void ExpectProblem(const std::string& response, int status, const std::string& type) {
  EXPECT_EQ(response.rfind("HTTP/1.1 " + std::to_string(status) + " ", 0), 0u) << response;
  EXPECT_NE(response.find("\"type\":\"/problems/" + type + "\""), std::string::npos) << response;
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

}  // namespace iris::gateway::http::streaming_testing
