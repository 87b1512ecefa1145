// Server: Pistache's Endpoint plus the worker pool. PistacheAdapter replaces Pistache's input
// handling (onInput), so what its parser rejects (unknown method or version, a typed header it
// cannot parse, an unsupported Transfer-Encoding, a request past maxRequestSize) gets our
// problem+json and closes the connection, and `Expect: 100-continue` is answered. What Pistache
// 0.0.5 still does on its own (probed with curl and raw sockets), and why it stays:
// - 408, then close, when a request's head takes longer than header_timeout or its body longer
//   than body_timeout: our reaper answers a problem first (internal::ReapSlowRequests); Pistache's
//   own idle-peer check (a bare 408, no hook) is left kPistacheTimeoutMargin behind as backstop.
// - A line without ':' in the head gets nothing until that 408.
// - A second request arriving in the same read as the first is dropped (the parser discards its
//   buffer after each request and keeps the cursor private), so pipelining clients lose
//   requests; requests that arrive in later reads while one is in flight are answered in order.
// Streamed bodies both ways (issue 18): a request ServerOptions::streams_body names is handed to
// its handler as soon as its head is in, its body following through a bounded BodyPipe; a
// response with a BodySource is written chunk by chunk from the worker (streamed_response.cpp).
// Their known cost (ServerOptions::streams_body): while an upload's pipe is full its I/O thread
// waits, so an upload faster than the service behind it slows that thread's other connections;
// transfers are capped (max_transfers*) and must keep a minimum rate (min_transfer_rate).
#include "services/gateway/http/server.hpp"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include <pistache/endpoint.h>

#include "services/gateway/http/in_flight.hpp"
#include "services/gateway/http/pistache_adapter.hpp"
#include "services/gateway/http/pistache_connection.hpp"
#include "services/gateway/http/worker_pool.hpp"

namespace iris::gateway::http {
namespace {

// Room for the request line and headers on top of the body limit in Pistache's maxRequestSize,
// which counts the whole request.
// Kept above the head limits (HeadLimits) so the adapter's 414 / 431 answer first.
size_t HeaderHeadroom(const HeadLimits& l) { return l.request_line + l.headers + 4 * 1024; }

// Pistache's own request timeouts stay as a backstop this much behind ours, whose 408 is a
// problem (Pistache's is a bare 408 from an idle check with no hook).
constexpr std::chrono::seconds kPistacheTimeoutMargin{5};
// How often the reaper looks for requests that take too long to arrive.
constexpr std::chrono::milliseconds kReapInterval{250};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  Handler handler;
  NonBlockingHandler non_blocking;
  std::shared_ptr<InFlightCounter> in_flight = std::make_shared<InFlightCounter>();
  std::shared_ptr<WorkerPool> pool;
  std::vector<int> lane_cpus;
  std::unique_ptr<Pistache::Http::Endpoint> endpoint;
  int port = 0;
  bool running = false;
  // The 408 reaper (internal::ReapSlowRequests) and how it is told to stop.
  std::thread reaper;
  std::mutex reaper_mu;
  std::condition_variable reaper_cv;
  bool reaper_stop = false;

  void StartReaper(std::shared_ptr<AdapterCore> core) {
    reaper_stop = false;
    reaper = std::thread([this, core = std::move(core)] {
      std::unique_lock lock(reaper_mu);
      while (!reaper_cv.wait_for(lock, kReapInterval, [this] { return reaper_stop; })) {
        lock.unlock();
        internal::ReapSlowRequests(core);
        lock.lock();
      }
    });
  }

  void Stop() {
    if (reaper.joinable()) {
      {
        std::lock_guard lock(reaper_mu);
        reaper_stop = true;
      }
      reaper_cv.notify_all();
      reaper.join();
    }
    // Order matters: no I/O thread may hand work to the pool once it stops, and no worker may
    // touch a Pistache transport after the endpoint is destroyed.
    if (endpoint) endpoint->shutdown();
    if (pool) pool->Stop();
    endpoint.reset();
    pool.reset();
    running = false;
  }
};

Server::Server(ServerOptions options, Handler handler, NonBlockingHandler non_blocking)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->handler = std::move(handler);
  impl_->non_blocking = std::move(non_blocking);
}

Server::~Server() { Shutdown(); }

absl::Status Server::Start() {
  std::lock_guard lock(lifecycle_mu_);
  Impl& s = *impl_;
  if (s.running) return absl::FailedPreconditionError("server already started");
  const ServerOptions& o = s.options;
  if (o.port < 0 || o.port > 65535) {
    return absl::InvalidArgumentError("port " + std::to_string(o.port) + " is out of range");
  }
  std::optional<Pistache::Address> address;
  try {
    address.emplace(o.host, Pistache::Port(static_cast<uint16_t>(o.port)));
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError("cannot listen on host \"" + o.host + "\": " + e.what());
  }
  try {
    const int io_threads = o.io_threads > 0 ? o.io_threads : 1;
    std::vector<int> lane_cpus = http::LaneCpus(io_threads, o.pin_threads, AllowedCpus());
    s.pool = std::make_shared<WorkerPool>(o.workers, o.queue_capacity, lane_cpus);
    s.lane_cpus = lane_cpus;
    auto core = std::make_shared<AdapterCore>();
    core->lane_cpus = std::move(lane_cpus);
    core->handler = s.handler;
    core->non_blocking = s.non_blocking;
    core->max_body_bytes = o.max_body_bytes;
    core->streams_body = o.streams_body;
    core->max_upload_bytes = o.max_upload_bytes;
    core->body_pipe_bytes = o.body_pipe_bytes;
    core->pace = TransferPace{.idle_timeout = o.body_timeout,
                              .min_bytes_per_second = o.min_transfer_rate,
                              .grace = o.transfer_rate_grace,
                              .first_read_wait = o.upload_first_read_wait};
    core->max_transfers = o.max_transfers;
    core->max_transfers_per_address = o.max_transfers_per_address;
    core->head_limits = o.head_limits;
    core->max_connections_per_address = o.max_connections_per_address;
    core->header_timeout = o.header_timeout;
    core->body_timeout = o.body_timeout;
    core->pool = s.pool;
    core->in_flight = s.in_flight;
    s.endpoint = std::make_unique<Pistache::Http::Endpoint>(*address);
    s.endpoint->init(Pistache::Http::Endpoint::options()
                         .threads(io_threads)
                         .flags(Pistache::Tcp::Options::ReuseAddr)
                         .maxRequestSize(o.max_body_bytes + HeaderHeadroom(o.head_limits))
                         .headerTimeout(o.header_timeout + kPistacheTimeoutMargin)
                         .bodyTimeout(o.body_timeout + kPistacheTimeoutMargin)
                         .keepaliveTimeout(o.keepalive_timeout));
    s.endpoint->setHandler(Pistache::Http::make_handler<PistacheAdapter>(core));
    s.endpoint->serveThreaded();
    s.port = static_cast<uint16_t>(s.endpoint->getPort());
    s.StartReaper(std::move(core));
    s.running = true;
    return absl::OkStatus();
  } catch (const std::exception& e) {
    s.Stop();
    const std::string what = e.what();
    if (what.find("in use") != std::string::npos) {
      return absl::FailedPreconditionError("port " + std::to_string(o.port) + " is already in use");
    }
    return absl::UnavailableError("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                                  ": " + what);
  }
}

int Server::port() const { return impl_->port; }

std::vector<int> Server::LaneCpus() const { return impl_->lane_cpus; }

bool Server::Drain(std::chrono::milliseconds max_wait) {
  return impl_->in_flight->WaitForZero(max_wait);
}

void Server::Shutdown() {
  std::lock_guard lock(lifecycle_mu_);
  impl_->Stop();
}

int Server::InFlight() const { return impl_->in_flight->Count(); }

}  // namespace iris::gateway::http
