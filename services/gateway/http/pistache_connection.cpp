#include "services/gateway/http/pistache_connection.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

#include "absl/strings/ascii.h"
#include "libs/status/problem.hpp"
#include "libs/status/status.hpp"
#include "services/gateway/http/problem_response.hpp"
#include "services/gateway/http/request_id.hpp"

namespace iris::gateway::http::internal {
namespace {

namespace P = Pistache::Http;

// A client may pipeline this many requests behind the one being handled; the next one gets a
// 503 and the connection is closed after it, so a pipelining client cannot pile up memory.
constexpr size_t kMaxPipelined = 32;
constexpr const char* kConnectionKey = "iris.gateway.connection";
HttpResponse Busy(const std::string& request_id) {
  return Problem(
      status::WithDetail(absl::UnavailableError("the server is busy; retry shortly"), "overloaded"),
      request_id);
}

// Too many streamed transfers at a time (AdapterCore::TryStartTransfer); Retry-After comes
// with every 503.
HttpResponse TransfersBusy(const std::string& request_id) {
  return Problem(
      status::WithDetail(absl::UnavailableError("too many file transfers at a time; retry shortly"),
                         "overloaded"),
      request_id);
}

// The answer as bytes: status line, `merged` headers, Connection as Send decided it, the
// Content-Length (for HEAD, the one GET would have had: RFC 9110 §8.6) and the body unless
// `no_body`.
std::string WireBytes(const Job& job, const HttpResponse& r,
                      const std::map<std::string, std::pair<std::string, std::string>>& merged,
                      bool no_body) {
  std::string text;
  text.reserve(256 + (no_body ? 0 : r.body.size()));
  text += job.request.http11 ? "HTTP/1.1 " : "HTTP/1.0 ";
  text += std::to_string(r.status);
  text += ' ';
  text += status::ReasonPhrase(r.status);
  text += "\r\n";
  for (const auto& [lower, nv] : merged) {
    text += nv.first;
    text += ": ";
    text += nv.second;
    text += "\r\n";
  }
  if (!job.keep_alive) {
    text += "Connection: close\r\n";
  } else if (!job.request.http11) {
    text += "Connection: keep-alive\r\n";
  }
  if (r.status != 204 && r.status != 304) {
    text += "Content-Length: ";
    text += std::to_string(r.body_source ? r.body_source->content_length() : r.body.size());
    text += "\r\n";
  }
  text += "\r\n";
  if (!no_body && !r.body_source) text += r.body;
  return text;
}

// The handler answered while its streamed request body was still arriving: the I/O thread
// stops waiting for it and drops the rest, and the answer closes the connection (a client
// sending 50 MiB nobody reads learns at once). A body that had fully arrived leaves the
// connection as it was.
void EndUpload(Job& job, Connection& connection) {
  if (!job.upload) return;
  if (!job.upload->Abandon()) {
    job.keep_alive = false;
    std::lock_guard lock(connection.mu);
    connection.closing = true;
  }
  job.upload.reset();
}

void Send(const AdapterCore& core, Job& job) {
  auto connection = job.connection.lock();
  if (!connection) {
    if (job.upload) job.upload->Abandon();
    job.ticket.reset();  // the peer is gone, and its connection state with it
    return;
  }
  EndUpload(job, *connection);
  job.transfer.reset();  // the upload is over
  // A download holds this worker while the client reads it: under the transfer caps, or 503.
  std::shared_ptr<void> transfer;
  if (job.ready->body_source && job.request.method != "HEAD" && job.ready->status != 304 &&
      job.ready->status != 204) {
    transfer = core.TryStartTransfer(job.request.remote_address);
    if (!transfer) {
      job.ready->body_source.reset();  // cancels its upstream call, on this worker
      job.ready = TransfersBusy(job.request_id);
    }
  }
  // Pistache calls onDisconnection before it drops a closed peer, and that waits for send_mu,
  // so a send cannot overlap the drop. (Holding a shared_ptr to the peer for the job's life
  // instead lost answers under the hostile-input test.) Locked below, around the hand-over.
  HttpResponse& r = *job.ready;
  std::map<std::string, std::pair<std::string, std::string>> merged;  // lower name -> name, value
  for (auto& h : r.headers) {
    if (h.name.find_first_of("\r\n:") != std::string::npos ||
        h.value.find_first_of("\r\n") != std::string::npos) {
      spdlog::error("dropping response header {:?} for request {}: CR, LF or ':' in it", h.name,
                    job.request_id);
      continue;  // would let a value echoing client input split the response
    }
    const std::string lower = absl::AsciiStrToLower(h.name);
    if (lower == "content-length" || lower == "connection" || lower == "transfer-encoding" ||
        lower == "keep-alive") {
      continue;  // framing is ours (WireBytes)
    }
    auto [it, inserted] = merged.try_emplace(lower, h.name, h.value);
    if (!inserted) it->second.second += ", " + h.value;
  }
  // On every answer (issue 14): browsers must not guess a type other than the one sent, and
  // a JSON answer opened in a browser runs nothing and cannot be framed. The docs page sends
  // its own policy.
  merged.try_emplace("x-content-type-options", "X-Content-Type-Options", "nosniff");
  if (auto type = merged.find("content-type");
      type != merged.end() && type->second.second.find("json") != std::string::npos) {
    merged.try_emplace("content-security-policy", "Content-Security-Policy",
                       "default-src 'none'; frame-ancestors 'none'");
  }
  const bool head = job.request.method == "HEAD";
  const bool no_body = head || r.status == 204 || r.status == 304;
  std::string text = WireBytes(job, r, merged, no_body);
  auto completion = std::make_shared<Completion>();
  completion->ticket = job.ticket;
  completion->connection = connection;
  job.ticket.reset();
  if (r.body_source && !no_body) {
    // Streamed on this worker, the head first; the source is released here, on the worker (it
    // may cancel an upstream call).
    SendStreamed(connection, job.peer, std::move(text), *r.body_source, std::move(completion),
                 !job.keep_alive, core.pace, job.request_id);
    r.body_source.reset();
    return;
  }
  r.body_source.reset();  // HEAD, 304: never read
  std::lock_guard send_lock(connection->send_mu);
  auto peer = job.peer.lock();
  if (connection->disconnected || !peer) return;
  if (!job.keep_alive) completion->close_peer = peer;
  completion->unwritten.emplace(connection);
  try {
    // The bytes go to the transport directly, not through ResponseWriter::send: that one
    // chains a second promise whose resolution (on the I/O thread) walks its continuations
    // without the promise's lock, while this worker thread attaches ours under it; the two
    // met in a crash inside Transport::asyncWriteImpl under keep-alive load (Pistache 0.0.5,
    // async.h Chainer). A transport promise is resolved under its lock. This also writes
    // Content-Length right for HEAD (not 0) and drops Pistache's response size cap.
    const size_t size = text.size();
    peer->send(Pistache::RawBuffer(std::move(text), size))
        .then([completion](ssize_t) { completion->Sent(); },
              [completion](std::exception_ptr) {
                completion->unwritten.reset();  // released
                completion->ticket.reset();
              });
  } catch (const std::exception& e) {
    spdlog::warn("sending response for request {} failed: {}", job.request_id, e.what());
  }
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
    spdlog::error("handler threw for {} {} (request {}): {}", job.request.method, job.request.path,
                  job.request_id, e.what());
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
  bool invite = false;
  {
    std::lock_guard lock(connection->mu);
    if (!connection->waiting.empty()) {
      auto next = std::move(connection->waiting.front());
      connection->waiting.pop_front();
      return next;
    }
    connection->busy = false;
    invite = std::exchange(connection->continue_wanted, false);
  }
  // After the last answer was handed to Pistache, so the 100 cannot overtake it.
  if (invite) SendContinue(*connection);
  return nullptr;
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
    Send(*core, *job);
    job = NextOf(job->connection);
  }
}

}  // namespace

// Pistache 0.0.5 never closes an HTTP/1.1 connection itself, and closes HTTP/1.0 ones only when
// the response is sent from inside onRequest. Half-closing after the response is on the wire
// lets the client read it, see EOF, and Pistache reap the socket. On the peer's I/O thread, like
// onDisconnection: the fd is still the peer's unless that ran.
void Completion::Sent() {
  auto c = connection.lock();
  if (c && !c->disconnected) {
    if (auto peer = close_peer.lock()) {
      ::shutdown(peer->fd(), SHUT_WR);
      std::lock_guard lock(c->mu);
      c->write_shut_at = std::chrono::steady_clock::now();
    }
  }
  unwritten.reset();
  ticket.reset();
}

void SendContinue(Connection& connection) {
  std::lock_guard send_lock(connection.send_mu);
  if (connection.disconnected) return;
  auto peer = connection.peer.lock();
  if (!peer) return;
  static constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
  try {
    peer->send(Pistache::RawBuffer(kContinue, sizeof kContinue - 1));
  } catch (const std::exception& e) {
    spdlog::warn("sending 100 Continue failed: {}", e.what());
  }
}

HttpResponse Problem(const absl::Status& status, const std::string& request_id) {
  HttpResponse r = ProblemResponse(status, request_id);
  r.headers.push_back({"X-Request-Id", request_id});
  return r;
}

std::shared_ptr<Connection> ConnectionOf(const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  if (auto data = peer->tryGetData(kConnectionKey))
    return std::static_pointer_cast<Connection>(data);
  auto connection = std::make_shared<Connection>();
  connection->peer = peer;
  peer->putData(kConnectionKey, connection);
  return connection;
}

std::shared_ptr<Connection> ExistingConnectionOf(const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  return std::static_pointer_cast<Connection>(peer->tryGetData(kConnectionKey));
}

void NoteReceiving(Connection& connection, bool receiving, bool head_done) {
  std::lock_guard lock(connection.mu);
  if (!receiving) {
    connection.receiving = false;
    return;
  }
  if (!connection.receiving) {
    connection.receiving = true;
    connection.receiving_since = std::chrono::steady_clock::now();
  }
  connection.head_done = head_done;
}

void InviteBody(const std::shared_ptr<Connection>& connection) {
  if (connection->continue_sent) return;
  connection->continue_sent = true;
  {
    std::lock_guard lock(connection->mu);
    if (connection->busy) {  // an earlier answer is still to be sent: NextOf sends it after
      connection->continue_wanted = true;
      return;
    }
  }
  SendContinue(*connection);
}

void ForgetInvitation(Connection& connection) {
  connection.continue_sent = false;
  std::lock_guard lock(connection.mu);
  connection.continue_wanted = false;
}

size_t FeedUpload(Connection& connection, const char* data, size_t len, bool* dropped) {
  Upload& upload = *connection.upload;
  const size_t n = static_cast<size_t>(std::min<uint64_t>(len, upload.remaining));
  if (!upload.dropping && n > 0) {
    upload.dropping = upload.pipe->Write(std::string_view(data, n)) != BodyPipe::WriteResult::kOk;
  }
  upload.remaining -= n;
  *dropped = upload.dropping;
  if (upload.remaining == 0) {
    connection.upload.reset();
    ForgetInvitation(connection);
  }
  return n;
}

void MarkDisconnected(const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  auto data = peer->tryGetData(kConnectionKey);
  if (!data) return;
  auto connection = std::static_pointer_cast<Connection>(data);
  std::lock_guard send_lock(connection->send_mu);  // waits for a send in progress
  connection->disconnected = true;
}

void Enqueue(const std::shared_ptr<AdapterCore>& core,
             const std::shared_ptr<Connection>& connection, std::shared_ptr<Job> job) {
  job->connection = connection;
  bool start = false;
  {
    std::lock_guard lock(connection->mu);
    if (connection->closing) return;  // dropping the job releases its ticket
    if (connection->busy) {
      if (connection->waiting.size() >= kMaxPipelined) {
        job->ready = Busy(job->request_id);
        job->keep_alive = false;
      }
      connection->waiting.push_back(job);
    } else {
      connection->busy = start = true;
    }
    // RFC 9112 §9.6: nothing after a request that closes the connection is processed.
    if (!job->keep_alive) connection->closing = true;
  }
  if (start) Advance(core, std::move(job));
}

}  // namespace iris::gateway::http::internal
