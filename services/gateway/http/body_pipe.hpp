// The bounded hand-over of a streamed request body from the I/O thread that reads it to the
// worker whose handler consumes it (issue 18: a 50 MiB upload never sits whole in the
// gateway). The I/O thread blocks in Write while the pipe is full: it stops reading the
// socket, TCP's window closes, and the client slows to the pace of the service behind the
// handler. That also stalls the other connections of that I/O thread, but only while the
// service is slower than the client, and at most the body timeout at a time. Before the
// handler first reads (its job may wait behind busy workers) the writer waits at most
// TransferPace::first_read_wait for room, then the upload is refused (503 overloaded) and the
// rest of its body dropped, so a queued upload cannot freeze its I/O thread for long.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "services/gateway/http/body_stream.hpp"

namespace iris::gateway::http {

// How a streamed body (either way) must keep moving. A transfer that takes `idle_timeout` without
// a byte fails; so does one whose average rate, counted from its start, falls below
// `min_bytes_per_second` once `grace` has passed (a trickle of a byte every few seconds would
// otherwise hold a worker for the whole upstream deadline, issue 18 review M2).
struct TransferPace {
  std::chrono::milliseconds idle_timeout{30000};
  uint64_t min_bytes_per_second = 16 * 1024;  // 0: no minimum rate
  std::chrono::milliseconds grace{10000};
  // How long the I/O thread waits for room before the handler first reads (review H2).
  std::chrono::milliseconds first_read_wait{1000};

  // When a transfer that started at `start` and has moved `bytes` falls below the rate.
  std::chrono::steady_clock::time_point RateDeadline(std::chrono::steady_clock::time_point start,
                                                     uint64_t bytes) const;
};

class BodyPipe : public BodyReader {
 public:
  // `content_length` bytes will come; at most `capacity` wait unread; pace.idle_timeout bounds
  // every wait of either side for the other once the reader started (IRIS_HTTP_BODY_TIMEOUT_
  // SECONDS). The timers and the rate run from the reader's first Read, not from creation.
  BodyPipe(uint64_t content_length, size_t capacity, TransferPace pace);

  uint64_t content_length() const override { return content_length_; }
  // Waits for bytes at most idle_timeout after the last ones arrived, and fails when the body
  // arrives slower than the pace's rate (both 408 request_timeout). UNAVAILABLE "overloaded"
  // when the writer gave up before this reader started.
  absl::StatusOr<std::string> Read(size_t max) override;

  // Writer side: the I/O thread.
  enum class WriteResult {
    kOk,         // all of `bytes` is in the pipe
    kAbandoned,  // the handler answered without reading the rest: drop it
    kStalled,    // the reader took nothing in time (or never started): it was told, drop the rest
  };
  // Appends `bytes` (no more than the body's remaining bytes), waiting while the pipe is full.
  WriteResult Write(std::string_view bytes);
  // The client went away before the whole body arrived: the reader gets CANCELLED.
  void WriterGone();

  // Reader side: its handler has answered; a waiting writer wakes and drops the rest. True when
  // the whole body had arrived already (the connection's framing is intact).
  bool Abandon();

  // Runs once, on the reader's thread, when the reader first asks for bytes: the adapter sends
  // "100 Continue" then, so a request its handler refuses without reading (401, 404) never
  // invites its body.
  void OnFirstRead(std::function<void()> hook);

  // The most bytes that ever waited unread (tests: the gateway's memory stays bounded).
  size_t high_water() const;

 private:
  const uint64_t content_length_;
  const size_t capacity_;
  const TransferPace pace_;

  mutable std::mutex mu_;
  std::condition_variable readable_;
  std::condition_variable writable_;
  std::string buf_;  // unread bytes are buf_[head_..]; compacted once head_ passes half
  size_t head_ = 0;
  uint64_t written_ = 0;
  uint64_t read_ = 0;
  std::chrono::steady_clock::time_point last_write_;
  std::chrono::steady_clock::time_point last_read_;
  std::optional<std::chrono::steady_clock::time_point> started_;  // the reader's first Read
  bool refused_ = false;       // the writer gave up before the reader started
  absl::Status writer_error_;  // set when the writer stops before the end
  bool abandoned_ = false;
  size_t high_water_ = 0;
  std::function<void()> first_read_;
};

}  // namespace iris::gateway::http
