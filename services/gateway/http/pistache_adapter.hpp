// The Pistache handler behind Server: copies each request out of Pistache and runs our Handler
// on the worker pool. Internal to services/gateway/http; the rest of the gateway never sees it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <pistache/http.h>
#include <pistache/peer.h>

#include "services/gateway/http/body_pipe.hpp"
#include "services/gateway/http/http_types.hpp"
#include "services/gateway/http/in_flight.hpp"
#include "services/gateway/http/request_head.hpp"
#include "services/gateway/http/worker_pool.hpp"

namespace iris::gateway::http {

namespace internal {
struct Connection;
}  // namespace internal

// Open connections per peer address, for the per-address cap (issue 14: a client holding
// thousands of idle connections must not crowd out the others).
class ConnectionCounts : public std::enable_shared_from_this<ConnectionCounts> {
 public:
  // A counted connection of `address`, released when the last copy goes (Pistache drops a
  // timed-out peer without onDisconnection, so the count lives as long as the peer's data);
  // null (and nothing counted) when `address` already holds `limit`. 0: no limit.
  std::shared_ptr<void> TryOpen(const std::string& address, size_t limit);

 private:
  struct Slot;
  void Close(const std::string& address);

 private:
  std::mutex mu_;
  std::unordered_map<std::string, size_t> open_;  // guarded by mu_
};

// State shared by the per-I/O-thread clones Pistache makes of the handler.
struct AdapterCore {
  Handler handler;
  NonBlockingHandler non_blocking;  // may be empty
  size_t max_body_bytes = 0;
  // Requests whose body is streamed to the handler (ServerOptions::streams_body; may be empty),
  // their Content-Length limit, and how much of one may wait unread.
  std::function<bool(std::string_view, std::string_view)> streams_body;
  size_t max_upload_bytes = 0;
  size_t body_pipe_bytes = 1 << 20;
  // How streamed bodies (both ways) must keep moving; idle_timeout is body_timeout.
  TransferPace pace;
  // Streamed transfers (uploads from dispatch to answer, downloads while their body is sent)
  // at a time: all of them (key "") and per peer address; 0: no cap. Each holds a worker for
  // as long as the client takes, so beyond these the answer is 503 overloaded (review H1).
  size_t max_transfers = 0;
  size_t max_transfers_per_address = 0;
  std::shared_ptr<ConnectionCounts> transfers = std::make_shared<ConnectionCounts>();
  std::shared_ptr<ConnectionCounts> transfers_per_address = std::make_shared<ConnectionCounts>();
  // A slot for one transfer of `address` under both caps; null when either is full.
  std::shared_ptr<void> TryStartTransfer(const std::string& address) const;
  HeadLimits head_limits;
  std::shared_ptr<WorkerPool> pool;
  std::shared_ptr<InFlightCounter> in_flight;
  // One CPU per lane (the pool's); empty: I/O threads stay unpinned. Each I/O thread takes the
  // next lane when it first reads input.
  std::vector<int> lane_cpus;
  std::atomic<int> next_lane{0};
  size_t max_connections_per_address = 0;  // 0: no cap
  // How long a request's head, and the whole request with its body, may take to arrive before
  // the reaper answers 408 (ReapSlowRequests); 0: no limit of ours.
  std::chrono::milliseconds header_timeout{0};
  std::chrono::milliseconds body_timeout{0};
  // Every connection, for the reaper; a closed one drops out with its peer.
  std::mutex live_mu;
  std::vector<std::weak_ptr<internal::Connection>> live;  // guarded by live_mu
  std::shared_ptr<ConnectionCounts> connections = std::make_shared<ConnectionCounts>();
};

class PistacheAdapter : public Pistache::Http::Handler {
 public:
  HTTP_PROTOTYPE(PistacheAdapter)

  explicit PistacheAdapter(std::shared_ptr<AdapterCore> core) : core_(std::move(core)) {}

  // Runs on an I/O thread: never blocks and never lets an exception reach Pistache (which
  // would send e.what() to the client).
  void onRequest(const Pistache::Http::Request& request,
                 Pistache::Http::ResponseWriter writer) override;

  // Replaces Pistache's own (0.0.5, same steps) to answer what its parser rejects with our
  // problem+json instead of a text 500/4xx, to answer `Expect: 100-continue`, to refuse an
  // oversized or malformed Content-Length before reading the body, and to drop input after an
  // answer that closes the connection. I/O thread.
  void onInput(const char* buffer, size_t len,
               const std::shared_ptr<Pistache::Tcp::Peer>& peer) override;

  // A new connection: counted against its address's cap; one over the cap is answered 429 and
  // closed. I/O thread.
  void onConnection(const std::shared_ptr<Pistache::Tcp::Peer>& peer) override;

  // Pistache calls this just before it closes the socket and drops the peer (not for a peer its
  // idle check times out: that one is closed and dropped without it).
  void onDisconnection(const std::shared_ptr<Pistache::Tcp::Peer>& peer) override;

 private:
  // Dispatches a request whose body is streamed (its head is complete in `request`) with a
  // BodyPipe of `length` bytes as its body, before the body arrives; `invite`: "100 Continue"
  // when its handler first reads. I/O thread.
  void StartUpload(const std::shared_ptr<Pistache::Tcp::Peer>& peer,
                   const std::shared_ptr<internal::Connection>& connection,
                   const Pistache::Http::Request& request, uint64_t length, bool invite);

  std::shared_ptr<AdapterCore> core_;
};

}  // namespace iris::gateway::http
