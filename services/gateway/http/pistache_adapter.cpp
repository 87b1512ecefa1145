#include "services/gateway/http/pistache_adapter.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <utility>

#include <pistache/peer.h>
#include <spdlog/spdlog.h>

#include "absl/status/status.h"
#include "libs/status/problem.hpp"
#include "libs/status/status.hpp"
#include "services/gateway/http/request_id.hpp"
#include "services/gateway/http/url.hpp"

namespace iris::gateway::http {
namespace {

namespace P = Pistache::Http;

// A client may pipeline this many requests behind the one being handled; the next one gets a
// 503 and the connection is closed after it, so a pipelining client cannot pile up memory.
constexpr size_t kMaxPipelined = 32;
constexpr const char* kConnectionKey = "iris.gateway.connection";

// Pistache writes only typed headers on responses (headers().addRaw() is silently dropped), so
// every header we send is one of these. The hash is salted so Pistache's header_cast never
// mistakes it for its own typed header of the same name (e.g. Content-Type).
class DynHeader : public P::Header::Header {
 public:
  DynHeader(std::string name, std::string value)
      : name_(std::move(name)),
        value_(std::move(value)),
        hash_(P::Header::detail::hash(("iris-dyn:" + name_).c_str())) {}
  const char* name() const override { return name_.c_str(); }
  uint64_t hash() const override { return hash_; }
  void write(std::ostream& os) const override { os << value_; }

 private:
  std::string name_;
  std::string value_;
  uint64_t hash_;
};

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

struct Connection;

// One request from arrival to the end of sending. `ready` is the adapter's own answer (413,
// 400, 503) or, once a worker ran the handler, the handler's.
struct Job {
  HttpRequest request;
  std::string request_id;  // for the adapter's own answers and logs
  std::optional<HttpResponse> ready;
  P::ResponseWriter writer;
  bool keep_alive = true;
  std::shared_ptr<InFlightCounter::Ticket> ticket;
  std::weak_ptr<Connection> connection;

  explicit Job(P::ResponseWriter w) : writer(std::move(w)) {}
};

// Per TCP connection, kept in Pistache's peer data. Pistache parses a pipelined request as soon
// as it arrives; running them one at a time keeps responses in request order (RFC 9112 §9.3.2).
struct Connection {
  std::mutex mu;
  bool busy = false;     // a job of this connection is being handled or sent
  bool closing = false;  // over kMaxPipelined: later requests are dropped
  std::deque<std::shared_ptr<Job>> waiting;
};

bool WantsKeepAlive(const HttpRequest& request) {
  bool close = false;
  bool keep_alive = false;
  if (auto value = request.HeaderValue("connection")) {
    std::string v = Lower(*value);
    size_t start = 0;
    while (start <= v.size()) {
      size_t end = v.find(',', start);
      if (end == std::string::npos) end = v.size();
      std::string token = v.substr(start, end - start);
      token.erase(0, token.find_first_not_of(" \t"));
      token.erase(token.find_last_not_of(" \t") + 1);
      close = close || token == "close";
      keep_alive = keep_alive || token == "keep-alive";
      start = end + 1;
    }
  }
  if (close) return false;
  return request.http11 || keep_alive;
}

HttpResponse Problem(const absl::Status& status, const std::string& request_id) {
  const auto problem = status::ProblemFor(status, request_id);
  HttpResponse r;
  r.status = problem.http_status;
  r.body = problem.body;
  r.headers.push_back({"Content-Type", "application/problem+json"});
  r.headers.push_back({"X-Request-Id", request_id});
  if (status::NeedsRetryAfter(problem.http_status)) r.headers.push_back({"Retry-After", "1"});
  return r;
}

HttpResponse Busy(const std::string& request_id) {
  return Problem(status::WithDetail(absl::UnavailableError("the server is busy; retry shortly"),
                                    "overloaded"),
                 request_id);
}

// Ends the request's in-flight time when the bytes are written or the write failed. If Pistache
// drops the promise unsettled (connection gone, shutdown), destroying its callbacks does it.
struct Completion {
  std::shared_ptr<InFlightCounter::Ticket> ticket;
  std::weak_ptr<Pistache::Tcp::Peer> close_peer;  // set when the connection must close

  void Sent() {
    // Pistache 0.0.5 never closes an HTTP/1.1 connection itself, and closes HTTP/1.0 ones only
    // when the response is sent from inside onRequest. Half-closing after the response is on
    // the wire lets the client read it, see EOF, and Pistache reap the socket.
    if (auto peer = close_peer.lock()) ::shutdown(peer->fd(), SHUT_WR);
    ticket.reset();
  }
};

void Send(Job& job) {
  HttpResponse& r = *job.ready;
  auto& writer = job.writer;
  writer.headers().remove<P::Header::Connection>();
  // Pistache answers "Connection: Close" unless the client sent "Connection: keep-alive", which
  // makes HTTP/1.1 clients reconnect for every request; we decide per RFC 9112 §9.3 instead.
  if (!job.keep_alive) {
    writer.headers().add(std::make_shared<DynHeader>("Connection", "close"));
  } else if (!job.request.http11) {
    writer.headers().add(std::make_shared<DynHeader>("Connection", "keep-alive"));
  }
  std::map<std::string, std::pair<std::string, std::string>> merged;  // lower name -> name, value
  for (auto& h : r.headers) {
    if (h.name.find_first_of("\r\n:") != std::string::npos ||
        h.value.find_first_of("\r\n") != std::string::npos) {
      spdlog::error("dropping response header {:?} for request {}: CR, LF or ':' in it", h.name,
                    job.request_id);
      continue;  // would let a value echoing client input split the response
    }
    const std::string lower = Lower(h.name);
    if (lower == "content-length" || lower == "connection" || lower == "transfer-encoding" ||
        lower == "keep-alive") {
      continue;  // framing is ours (Pistache writes Content-Length)
    }
    auto [it, inserted] = merged.try_emplace(lower, h.name, h.value);
    if (!inserted) it->second.second += ", " + h.value;
  }
  for (auto& [lower, nv] : merged) {
    writer.headers().add(std::make_shared<DynHeader>(nv.first, nv.second));
  }
  // Pistache always writes Content-Length for what it sends, so a HEAD answer says 0.
  const bool no_body = job.request.method == "HEAD" || r.status == 204 || r.status == 304;
  auto completion = std::make_shared<Completion>();
  completion->ticket = job.ticket;
  if (!job.keep_alive) completion->close_peer = writer.getPeer();
  try {
    // No mime argument: Pistache would add a second Content-Type.
    writer.send(static_cast<P::Code>(r.status), no_body ? std::string() : r.body)
        .then([completion](ssize_t) { completion->Sent(); },
              [completion](std::exception_ptr) { completion->ticket.reset(); });
  } catch (const std::exception& e) {
    spdlog::warn("sending response for request {} failed: {}", job.request_id, e.what());
  }
  job.ticket.reset();
}

void RunHandler(const AdapterCore& core, Job& job) {
  try {
    job.ready = core.handler(job.request);
    if (job.ready->status < 200 || job.ready->status > 599) {  // 1xx cannot be final
      spdlog::error("handler answered invalid HTTP status {} for {} {} (request {})",
                    job.ready->status, job.request.method, job.request.path, job.request_id);
      job.ready = Problem(absl::InternalError("invalid status"), job.request_id);
    }
  } catch (const std::exception& e) {
    spdlog::error("handler threw for {} {} (request {}): {}", job.request.method,
                  job.request.path, job.request_id, e.what());
    job.ready = Problem(absl::InternalError("handler threw"), job.request_id);
  } catch (...) {
    spdlog::error("handler threw a non-exception for {} {} (request {})", job.request.method,
                  job.request.path, job.request_id);
    job.ready = Problem(absl::InternalError("handler threw"), job.request_id);
  }
}

std::shared_ptr<Job> NextOf(const std::weak_ptr<Connection>& weak) {
  auto connection = weak.lock();
  if (!connection) return nullptr;  // peer gone: its waiting jobs went with it
  std::lock_guard lock(connection->mu);
  if (connection->waiting.empty()) {
    connection->busy = false;
    return nullptr;
  }
  auto next = std::move(connection->waiting.front());
  connection->waiting.pop_front();
  return next;
}

// Sends answered jobs of one connection in order and hands the first unanswered one to the
// pool; called with the connection marked busy, from an I/O thread or a worker.
void Advance(const std::shared_ptr<AdapterCore>& core, std::shared_ptr<Job> job) {
  while (job) {
    if (!job->ready) {
      auto task = [core, job] {
        RunHandler(*core, *job);
        Advance(core, job);
      };
      if (core->pool->TrySubmit(std::move(task))) return;
      job->ready = Busy(job->request_id);
    }
    Send(*job);
    job = NextOf(job->connection);
  }
}

std::shared_ptr<Connection> ConnectionOf(const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  // Only the peer's I/O thread touches its data map.
  if (auto data = peer->tryGetData(kConnectionKey)) return std::static_pointer_cast<Connection>(data);
  auto connection = std::make_shared<Connection>();
  peer->putData(kConnectionKey, connection);
  return connection;
}

void CopyRequest(const P::Request& in, HttpRequest& out) {
  out.method = P::methodString(in.method());
  out.path = in.resource();
  out.http11 = in.version() == P::Version::Http11;
  out.body = in.body();
  out.remote_address = in.address().host();
  for (const auto& [name, raw] : in.headers().rawList()) {
    out.headers.push_back({Lower(name), raw.value()});
  }
  std::sort(out.headers.begin(), out.headers.end(),
            [](const Header& a, const Header& b) { return a.name < b.name; });
}

// Decodes the query into out.query; false on a malformed escape or non-UTF-8 text.
bool DecodeQuery(const P::Request& in, HttpRequest& out) {
  for (auto it = in.query().parameters_begin(); it != in.query().parameters_end(); ++it) {
    auto name = PercentDecode(it->first, true);
    auto value = PercentDecode(it->second, true);
    if (!name.ok() || !value.ok()) return false;
    out.query.emplace_back(*std::move(name), *std::move(value));
  }
  std::sort(out.query.begin(), out.query.end());
  return true;
}

}  // namespace

void PistacheAdapter::onRequest(const P::Request& request, P::ResponseWriter writer) {
  try {
    auto peer = writer.getPeer();
    if (!peer) return;
    auto job = std::make_shared<Job>(std::move(writer));
    job->ticket = core_->in_flight->Enter();
    CopyRequest(request, job->request);
    job->request_id = AcceptOrNewRequestId(job->request.HeaderValue("x-request-id"));
    job->keep_alive = WantsKeepAlive(job->request);
    // API.md's order of checks puts 413 first. Bodies past Pistache's maxRequestSize never get
    // here (see server.cpp).
    if (job->request.body.size() > core_->max_body_bytes) {
      job->ready = Problem(
          status::WithDetail(absl::ResourceExhaustedError(
                                 "request body exceeds " + std::to_string(core_->max_body_bytes) +
                                 " bytes"),
                             "payload_too_large"),
          job->request_id);
    } else if (!DecodeQuery(request, job->request)) {
      job->ready = Problem(status::WithDetail(absl::InvalidArgumentError(
                                                  "query string is not valid percent-encoded UTF-8"),
                                              "malformed"),
                           job->request_id);
    }
    auto connection = ConnectionOf(peer);
    job->connection = connection;
    bool start = false;
    {
      std::lock_guard lock(connection->mu);
      if (connection->closing) return;  // dropping the job releases its ticket
      if (connection->busy) {
        if (connection->waiting.size() >= kMaxPipelined) {
          job->ready = Busy(job->request_id);
          job->keep_alive = false;
          connection->closing = true;
        }
        connection->waiting.push_back(job);
      } else {
        connection->busy = start = true;
      }
    }
    if (start) Advance(core_, job);
    // Pistache marks the peer busy when bytes arrive and idle when a response is sent, and
    // applies the header timeout (408, close) to a busy peer whose parser waits for a request
    // line, which is exactly the state while a worker runs the handler. Marking it idle here
    // leaves it to the keep-alive timeout instead.
    peer->setIdle(true);
  } catch (const std::exception& e) {
    spdlog::error("HTTP adapter failed to dispatch a request: {}", e.what());
  }
}

}  // namespace iris::gateway::http
