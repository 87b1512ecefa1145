// Test helpers for services/gateway/http: a server on a free port, libcurl requests and a raw
// socket connection.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "services/gateway/http/server.hpp"

namespace iris::gateway::http::test {

// A 200 application/json answer.
HttpResponse Json(std::string body);

// A started server on 127.0.0.1 and a free port (the test fails if it cannot start).
std::unique_ptr<Server> StartServer(Handler handler, ServerOptions options = {},
                                    NonBlockingHandler non_blocking = nullptr);

struct Reply {
  long status = 0;
  std::multimap<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::chrono::milliseconds elapsed{0};
  std::string error;  // curl's, empty on success

  std::string Header(const std::string& lower) const;
};

// One request on a fresh libcurl handle (no Expect: 100-continue), bounded by `timeout_ms`.
Reply Fetch(int port, const std::string& method, const std::string& target,
            const std::vector<std::string>& headers = {}, const std::string& body = "",
            long timeout_ms = 5000);

// A raw client connection: for keep-alive, pipelining and close behaviour curl hides.
class RawConnection {
 public:
  explicit RawConnection(int port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }
  bool Send(const std::string& data);
  // The next response (head and Content-Length body), or "" if none came within `timeout`.
  std::string ReadResponse(std::chrono::milliseconds timeout = std::chrono::seconds(3));
  // The next response's head only (through the empty line): the answer to a HEAD request.
  std::string ReadHead(std::chrono::milliseconds timeout = std::chrono::seconds(3));
  // True if the server closed the connection within `timeout`.
  bool ClosedByServer(std::chrono::milliseconds timeout = std::chrono::seconds(3));

 private:
  bool Fill(std::chrono::steady_clock::time_point deadline);

  int fd_;
  bool connected_ = false;
  bool eof_ = false;
  std::string buffer_;
};

// The value of header `lower_name` in a raw response from RawConnection, or "" if absent.
std::string HeaderOf(const std::string& raw_response, const std::string& lower_name);

// True for a canonical lower-case UUID v4 (what NewRequestId() mints).
bool IsUuidV4(const std::string& s);

// Polls `condition` until it holds or `timeout` passes; returns its last value.
bool WaitFor(const std::function<bool()>& condition,
             std::chrono::milliseconds timeout = std::chrono::seconds(3));

}  // namespace iris::gateway::http::test
