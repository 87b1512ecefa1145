// A response body sent as its source produces it (SendStreamed, pistache_connection.hpp).
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include <spdlog/spdlog.h>

#include "services/gateway/http/pistache_connection.hpp"

namespace iris::gateway::http::internal {
namespace {

// Pistache keeps every queued write's bytes until the socket takes them; this many chunks of one
// body may wait there (one being written, one ready behind it).
constexpr int kMaxInFlight = 2;
// How often a waiting sender looks whether the client went away: Pistache may drop a peer
// without settling its pending writes.
constexpr std::chrono::milliseconds kPoll{100};

// The writes of one body not yet settled; settled on the peer's I/O thread.
struct Flight {
  std::mutex mu;
  std::condition_variable settled;
  int pending = 0;
  bool failed = false;

  void Settle(bool ok) {
    {
      std::lock_guard lock(mu);
      --pending;
      failed = failed || !ok;
    }
    settled.notify_all();
  }
};

bool Gone(const Connection& connection, const std::weak_ptr<Pistache::Tcp::Peer>& peer) {
  return connection.disconnected || peer.expired();
}

// Waits until fewer than kMaxInFlight writes are pending. False when one failed, the client
// went away, or none settled within `timeout`.
bool WaitForRoom(const Connection& connection, const std::weak_ptr<Pistache::Tcp::Peer>& peer,
                 Flight& flight, std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(flight.mu);
  while (!flight.failed && flight.pending >= kMaxInFlight) {
    if (Gone(connection, peer) || std::chrono::steady_clock::now() >= deadline) return false;
    flight.settled.wait_for(lock, kPoll);
  }
  return !flight.failed;
}

// Hands `bytes` to Pistache under send_mu (never while it drops the peer); `completion`, on the
// last write, ends the request's in-flight time. False when the peer is gone.
bool Write(const std::shared_ptr<Connection>& connection,
           const std::weak_ptr<Pistache::Tcp::Peer>& weak, std::string bytes,
           const std::shared_ptr<Flight>& flight, const std::shared_ptr<Completion>& completion) {
  std::lock_guard send_lock(connection->send_mu);
  auto peer = weak.lock();
  if (connection->disconnected || !peer) return false;
  const std::thread::id io_thread = connection->io_thread.load();
  {
    std::lock_guard lock(flight->mu);
    ++flight->pending;
  }
  // Counted like every answer, so a chunk whose write Pistache lost is armed again; one mark
  // for both callbacks, released by whichever runs.
  auto unwritten = std::make_shared<UnwrittenMark>(connection);
  try {
    const size_t size = bytes.size();
    peer->send(Pistache::RawBuffer(std::move(bytes), size))
        .then(
            [flight, completion, weak, io_thread, unwritten](ssize_t) {
              unwritten->Release();
              if (completion) {
                completion->Sent();
              } else if (std::this_thread::get_id() == io_thread) {
                // Pistache runs this inline on the worker when the write had already completed
                // as `then` attached; the parser belongs to the I/O thread, so the refresh is
                // skipped then (the next write, settled on the I/O thread, does it).
                if (auto p = weak.lock()) RefreshIdleClock(p);
              }
              flight->Settle(true);
            },
            [flight, completion, unwritten](std::exception_ptr) {
              unwritten->Release();
              if (completion) completion->ticket.reset();
              flight->Settle(false);
            });
  } catch (const std::exception& e) {
    spdlog::warn("sending a response body failed: {}", e.what());
    flight->Settle(false);
    return false;
  }
  return true;
}

// Shuts both directions: the client sees the body end short of Content-Length, and no later
// request of the connection is read.
void Cut(Connection& connection, const std::weak_ptr<Pistache::Tcp::Peer>& weak) {
  {
    std::lock_guard lock(connection.mu);
    connection.closing = true;
  }
  std::lock_guard send_lock(connection.send_mu);
  if (connection.disconnected) return;
  if (auto peer = weak.lock()) ::shutdown(peer->fd(), SHUT_RDWR);
}

}  // namespace

bool SendStreamed(const std::shared_ptr<Connection>& connection,
                  const std::weak_ptr<Pistache::Tcp::Peer>& peer, std::string head,
                  BodySource& source, std::shared_ptr<Completion> completion, bool close_after,
                  const TransferPace& pace, const std::string& request_id) {
  if (close_after) completion->close_peer = peer;
  auto flight = std::make_shared<Flight>();
  const auto start = std::chrono::steady_clock::now();
  const uint64_t length = source.content_length();
  uint64_t produced = 0;                // body bytes taken from the source
  std::string ahead = std::move(head);  // the next bytes to write
  for (;;) {
    const bool last = produced == length;
    // Each wait lasts at most the idle timeout, and ends sooner when the client has taken so
    // little since the start that it falls below the minimum rate.
    const auto deadline = std::min(std::chrono::steady_clock::now() + pace.idle_timeout,
                                   pace.RateDeadline(start, produced));
    if (!WaitForRoom(*connection, peer, *flight, deadline) ||
        !Write(connection, peer, std::move(ahead), flight, last ? completion : nullptr)) {
      spdlog::info("request {}: client gone or not reading; body cut at {} of {} bytes", request_id,
                   produced, length);
      break;
    }
    if (last) return true;
    auto chunk = source.Next();
    if (!chunk.ok()) {
      spdlog::warn("request {}: response body failed after {} of {} bytes: {}", request_id,
                   produced, length, chunk.status().ToString());
      break;
    }
    if (chunk->empty() || chunk->size() > length - produced) {
      spdlog::error("request {}: response body source gave {} bytes where {} were declared",
                    request_id, chunk->empty() ? produced : produced + chunk->size(), length);
      break;
    }
    produced += chunk->size();
    ahead = *std::move(chunk);
  }
  Cut(*connection, peer);
  return false;
}

}  // namespace iris::gateway::http::internal
