// The gateway's HTTP server: Pistache underneath, our Handler on a worker pool on top.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
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
  // Requests (method, raw path) whose body is streamed to the handler instead of read whole
  // (file uploads; empty: none). Such a request is dispatched as soon as its head is in, with
  // HttpRequest::body_stream to read the body from as it arrives. It must come with
  // Content-Length (else 411, problem length_required; chunked is refused too) of at most
  // max_upload_bytes (else 413 before a byte of it is read). While the handler does not read,
  // at most body_pipe_bytes of it wait in the gateway: the I/O thread then stops reading (TCP
  // back-pressure), which stalls its other connections only while the service behind the
  // handler is slower than the client. An answer sent before the whole body arrived closes the
  // connection (the rest is read and dropped until the client stops). Timing: a streamed body
  // has no overall time limit here (the handler's upstream deadline bounds it); it fails with
  // 408 request_timeout when no byte of it arrives for body_timeout.
  // Remaining cost (review H2, stopgap): an upload arriving faster than the service behind its
  // handler takes it blocks its I/O thread, and so every other connection of that thread,
  // whenever the pipe is full (at most body_timeout at a time once the handler reads). Before
  // the handler's first read the I/O thread waits at most upload_first_read_wait for room, then
  // the upload is answered 503 overloaded and the rest of its body dropped; an upload larger
  // than the pipe that arrives behind another request of its connection is refused at once
  // (503, Connection: close).
  std::function<bool(std::string_view method, std::string_view path)> streams_body;
  size_t max_upload_bytes = 50 << 20;
  size_t body_pipe_bytes = 1 << 20;
  std::chrono::milliseconds upload_first_read_wait{1000};
  // Streamed transfers each hold a worker for as long as the client takes: at most this many at
  // a time, and per peer address (IRIS_MAX_TRANSFERS, IRIS_MAX_TRANSFERS_PER_ADDRESS); beyond,
  // 503 overloaded with Retry-After. 0: no cap.
  size_t max_transfers = 0;
  size_t max_transfers_per_address = 0;
  // A streamed body either way that averages less than this (bytes/s) once the grace period has
  // passed is cut: an upload answers 408 request_timeout, a download's connection is closed. A
  // client on a 128 kbit/s link still passes; a trickle meant to hold a worker does not.
  uint64_t min_transfer_rate = 16 * 1024;
  std::chrono::milliseconds transfer_rate_grace{10000};
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
