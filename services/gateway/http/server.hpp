// The gateway's HTTP server: Pistache underneath, our Handler on a worker pool on top.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/gateway/http/cpu_lanes.hpp"
#include "services/gateway/http/http_types.hpp"
#include "services/gateway/http/request_head.hpp"

namespace iris::gateway::http {

struct ServerOptions {
  std::string host = "0.0.0.0";
  int port = 8080;  // 0 picks a free port
  int io_threads = 2;
  int workers = 32;
  // Lanes = io_threads, each pinned to a CPU with its share of the workers (cpu_lanes.hpp).
  // kOff here so tests and embedders get plain threads unless they ask; the gateway's
  // IRIS_HTTP_PIN_THREADS defaults to auto.
  PinMode pin_threads = PinMode::kOff;
  // Requests waiting for a worker; beyond this the adapter answers 503 + Retry-After at once.
  size_t queue_capacity = 256;
  size_t max_body_bytes = 1 << 20;
  HeadLimits head_limits;  // request line and headers (414, 431)
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds body_timeout{30};
  // Idle time before a persistent connection is closed; also bounds how long one handler may
  // run before Pistache gives up on its connection.
  std::chrono::seconds keepalive_timeout{75};
  // Open connections one peer address may hold; one more is answered 429 and closed. 0: none.
  size_t max_connections_per_address = 0;
};

class Server {
 public:
  Server(ServerOptions options, Handler handler, NonBlockingHandler non_blocking = nullptr);
  ~Server();  // shuts down if still running

  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and serves on background threads. A taken port gives FAILED_PRECONDITION
  // "port 8080 is already in use"; a bad host INVALID_ARGUMENT. Never throws.
  absl::Status Start();

  // The bound port (the chosen one when ServerOptions::port was 0); 0 before Start().
  int port() const;

  // The CPU of each lane when threads are pinned; empty when they are not.
  std::vector<int> LaneCpus() const;

  // Keeps serving, but waits until no request is in flight or `max_wait` passes. True if
  // drained. Use before Shutdown() so in-flight responses are not cut off.
  bool Drain(std::chrono::milliseconds max_wait);

  // Stops the endpoint and the worker pool; requests still waiting for a worker are dropped.
  // Idempotent.
  void Shutdown();

  // Requests between arrival and the end of sending their response.
  int InFlight() const;

 private:
  struct Impl;
  std::mutex lifecycle_mu_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace iris::gateway::http
