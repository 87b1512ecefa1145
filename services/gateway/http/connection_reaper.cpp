// The connection reaper (ReapSlowRequests, a thread of server.cpp, 4 times a second) and what
// it watches besides requests arriving too slowly: answers Pistache has not written
// (UnwrittenMark). Kept apart from the request path in pistache_connection.cpp.
#include <sys/socket.h>

#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "libs/status/status.hpp"
#include "services/gateway/http/pistache_connection.hpp"
#include "services/gateway/http/request_id.hpp"

namespace iris::gateway::http::internal {
namespace {

// How long a client may take to read an answer that closes the connection, and close its side,
// before the gateway shuts both directions.
constexpr std::chrono::seconds kLingerAfterClose{2};
// How long an answer may wait in Pistache unwritten before its write is armed again.
constexpr std::chrono::milliseconds kRearmUnwrittenAfter{200};

int64_t SteadyNanos(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

}  // namespace

UnwrittenMark::UnwrittenMark(const std::shared_ptr<Connection>& connection)
    : connection_(connection) {
  if (connection->unwritten.fetch_add(1) == 0) {
    const int64_t now = SteadyNanos(std::chrono::steady_clock::now());
    connection->unwritten_since.store(now);
    connection->write_progress_at.store(now);
  }
}

void UnwrittenMark::Release() {
  // Others still unwritten: their wait counts from this write (ReapSlowRequests looks for none
  // settling for a while, not for a connection that always has one in flight).
  if (auto c = connection_.lock()) {
    const int64_t now = SteadyNanos(std::chrono::steady_clock::now());
    c->write_progress_at.store(now);
    if (c->unwritten.fetch_sub(1) > 1) c->unwritten_since.store(now);
  }
  connection_.reset();
}

void ReapSlowRequests(const std::shared_ptr<AdapterCore>& core) {
  const auto now = std::chrono::steady_clock::now();
  std::vector<std::shared_ptr<Connection>> late, to_cut, to_rearm;
  {
    std::lock_guard live_lock(core->live_mu);
    auto& live = core->live;
    for (size_t i = 0; i < live.size();) {
      auto connection = live[i].lock();
      if (!connection) {  // its peer is gone
        live[i] = std::move(live.back());
        live.pop_back();
        continue;
      }
      ++i;
      std::lock_guard lock(connection->mu);
      if (connection->unwritten.load() > 0 && !connection->cut_off &&
          SteadyNanos(now) - connection->write_progress_at.load() >
              std::chrono::nanoseconds(core->pace.idle_timeout).count()) {
        // The client takes nothing of its answer. Besides holding the answer, Pistache 0.0.5
        // retries a write that met EAGAIN in a loop, holding its I/O thread: shutting the
        // socket ends that write with EPIPE.
        connection->cut_off = true;
        spdlog::info(
            "an answer was not read for {} s: connection closed",
            std::chrono::duration_cast<std::chrono::seconds>(core->pace.idle_timeout).count());
        to_cut.push_back(connection);
        continue;
      }
      if (connection->unwritten.load() > 0 && !connection->cut_off &&
          SteadyNanos(now) - connection->unwritten_since.load() >
              std::chrono::nanoseconds(kRearmUnwrittenAfter).count()) {
        connection->unwritten_since.store(SteadyNanos(now));
        to_rearm.push_back(connection);
      }
      if (connection->write_shut_at && !connection->cut_off &&
          now - *connection->write_shut_at > kLingerAfterClose) {
        connection->cut_off = true;
        to_cut.push_back(connection);
        continue;
      }
      if (!connection->receiving || connection->closing) continue;
      const auto limit = connection->head_done ? core->body_timeout : core->header_timeout;
      if (limit.count() <= 0 || now - connection->receiving_since <= limit) continue;
      connection->receiving = false;
      late.push_back(std::move(connection));
    }
  }
  // Its answer and FIN went out a while ago and the client still has not closed: Pistache only
  // notices a peer that closes (a refused or timed-out one would otherwise hold its socket
  // until the keep-alive timeout), so both directions are shut and Pistache reaps it.
  // (Pistache's own idle check may drop a peer without onDisconnection; it does so only after
  // its backstop timeouts, seconds after this linger, so the fd is still the peer's here.)
  for (auto& connection : to_cut) {
    std::lock_guard send_lock(connection->send_mu);  // not while Pistache drops the peer
    if (connection->disconnected) continue;
    if (auto peer = connection->peer.lock()) ::shutdown(peer->fd(), SHUT_RDWR);
  }
  // Pistache 0.0.5 takes an epoll event that is both readable and writable as readable only
  // (Transport::onReady). A write armed while input was still arriving (a refused body pouring
  // in, a pipelining client) waits, once the input stops, for a write event that never comes:
  // the client got no answer at all (found by the contract fuzzer on a loaded machine). An
  // empty write queued behind them arms the fd again, and they go out with the next event that
  // is only writable: once the input pauses. (Flushing the transport from onInput instead, to
  // write them while input still arrives, left a writable event for an fd with nothing queued,
  // which Pistache's onReady throws on: "could not find write data".)
  for (auto& connection : to_rearm) {
    std::lock_guard send_lock(connection->send_mu);
    if (connection->disconnected || connection->unwritten.load() == 0) continue;
    auto peer = connection->peer.lock();
    if (!peer) continue;
    spdlog::debug("re-arming an answer left unwritten for {} ms", kRearmUnwrittenAfter.count());
    try {
      peer->send(Pistache::RawBuffer(std::string(), 0))
          .then([](ssize_t) {}, [](std::exception_ptr) {});
    } catch (const std::exception& e) {
      spdlog::warn("re-arming an unwritten answer failed: {}", e.what());
    }
  }
  for (auto& connection : late) {
    auto job = std::make_shared<Job>(connection->peer);
    job->ticket = core->in_flight->Enter();
    job->request_id = NewRequestId();
    job->request.http11 = true;
    job->keep_alive = false;  // what arrives after cannot be framed
    job->ready = Problem(
        status::WithDetail(absl::DeadlineExceededError(
                               "the request did not arrive in time; send it at once, then wait"),
                           "request_timeout"),
        job->request_id);
    Enqueue(core, connection, std::move(job));
  }
}

}  // namespace iris::gateway::http::internal
