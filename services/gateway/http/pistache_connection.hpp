// One TCP connection's requests, from arrival to the end of sending: queued in arrival order,
// run on the worker pool one at a time, answered in order. Internal to services/gateway/http
// (used by pistache_adapter.cpp only).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <pistache/http.h>
#include <pistache/peer.h>

#include "absl/status/status.h"
#include "services/gateway/http/body_pipe.hpp"
#include "services/gateway/http/http_types.hpp"
#include "services/gateway/http/in_flight.hpp"
#include "services/gateway/http/pistache_adapter.hpp"

namespace iris::gateway::http::internal {

struct Connection;

// An answer (or a streamed chunk) handed to Pistache and not yet written, counted on its
// connection (Connection::unwritten) until Release: when the write settles, or Pistache drops
// it (the destructor). Two atomic operations, no lock. connection_reaper.cpp.
class UnwrittenMark {
 public:
  UnwrittenMark() = default;
  explicit UnwrittenMark(const std::shared_ptr<Connection>& connection);
  ~UnwrittenMark() { Release(); }
  UnwrittenMark(const UnwrittenMark&) = delete;
  UnwrittenMark& operator=(const UnwrittenMark&) = delete;
  void Release();

 private:
  std::weak_ptr<Connection> connection_;
};

// Ends the request's in-flight time when its last bytes are written or the write failed. If
// Pistache drops the promise unsettled (connection gone, shutdown), destroying its callbacks
// does it.
struct Completion {
  std::shared_ptr<InFlightCounter::Ticket> ticket;
  std::weak_ptr<Pistache::Tcp::Peer> close_peer;  // set when the connection must close
  std::weak_ptr<Connection> connection;
  std::optional<UnwrittenMark> unwritten;  // released when the write settles

  // On the peer's I/O thread (a write's promise), like onDisconnection.
  void Sent();
};

// One request. `ready` is the adapter's own answer (413, 400, 503) or, once a worker ran the
// handler, the handler's.
struct Job {
  HttpRequest request;
  std::string request_id;  // for the adapter's own answers and logs
  std::optional<HttpResponse> ready;
  std::weak_ptr<Pistache::Tcp::Peer> peer;  // where the answer goes
  bool keep_alive = true;
  std::shared_ptr<InFlightCounter::Ticket> ticket;
  std::weak_ptr<Connection> connection;
  // A streamed request body (request.body_stream) still arriving while the handler runs. When
  // the answer is sent before all of it arrived, the rest is dropped and the connection closes.
  std::shared_ptr<BodyPipe> upload;
  // An upload's place under the transfer caps (AdapterCore::TryStartTransfer), held until its
  // answer is sent.
  std::shared_ptr<void> transfer;

  explicit Job(std::weak_ptr<Pistache::Tcp::Peer> p) : peer(std::move(p)) {}
};

// The streamed body of the request being read (ServerOptions::streams_body): its bytes go to
// `pipe` until `remaining` is 0, then the connection's next request is parsed. Destroyed before
// that (client gone, connection dropped): the reader learns the body will not come.
struct Upload {
  Upload(std::shared_ptr<BodyPipe> p, uint64_t length) : pipe(std::move(p)), remaining(length) {}
  ~Upload() {
    if (remaining > 0) pipe->WriterGone();
  }
  Upload(const Upload&) = delete;
  Upload& operator=(const Upload&) = delete;

  std::shared_ptr<BodyPipe> pipe;
  uint64_t remaining;
  bool dropping = false;  // the handler no longer reads: the rest is read and dropped
};

// Per TCP connection, kept in Pistache's peer data. Pistache parses a pipelined request as soon
// as it arrives; running them one at a time keeps responses in request order (RFC 9112 §9.3.2).
struct Connection {
  std::mutex mu;
  bool busy = false;     // a job of this connection is being handled or sent
  bool closing = false;  // the last answer closes the connection: later input is dropped
  std::deque<std::shared_ptr<Job>> waiting;

  // Held while a response is handed to Pistache and while the connection is marked
  // disconnected; recursive because a send on the I/O thread may complete inline.
  std::recursive_mutex send_mu;
  std::atomic<bool> disconnected{false};  // Pistache is about to close the socket

  // "100 Continue" for the request being read, owed until an earlier answer has been sent.
  bool continue_wanted = false;  // guarded by mu
  // A request is arriving: its first bytes came at `receiving_since` and it has not been
  // dispatched yet; `head_done` once only its body is missing. ReapSlowRequests answers 408
  // when that takes longer than the header (or body) timeout. Guarded by mu.
  bool receiving = false;
  bool head_done = false;
  std::chrono::steady_clock::time_point receiving_since;
  // When the last answer's bytes were handed over and the write side shut (Completion::Sent);
  // a client that never closes its side is cut off a little later (ReapSlowRequests).
  std::optional<std::chrono::steady_clock::time_point> write_shut_at;
  bool cut_off = false;
  // Answers handed to Pistache whose write has not settled (UnwrittenMark), and since when, in
  // steady_clock nanoseconds (or since the last re-arm): ReapSlowRequests re-arms a write
  // Pistache lost.
  std::atomic<int> unwritten{0};
  std::atomic<int64_t> unwritten_since{0};
  // When a write last settled (or the first of the unwritten answers was handed over): with
  // answers unwritten past the body timeout the client reads nothing, and the connection is cut.
  std::atomic<int64_t> write_progress_at{0};

  // The peer's I/O thread, recorded by onInput: Pistache's parser may be touched there only
  // (a write's promise may settle inline on the worker that attached to it).
  std::atomic<std::thread::id> io_thread{};

  // Touched only by the peer's I/O thread (onInput), so unguarded.
  bool continue_sent = false;  // "100 Continue" sent or owed for the request being read
  std::string raw_query;       // the query of the request being read, as sent (RawQuery)
  // The Content-Type of the streamed request being read, as sent (HideContentType).
  std::optional<std::string> raw_content_type;
  std::unique_ptr<Upload> upload;           // while a streamed body arrives
  std::weak_ptr<Pistache::Tcp::Peer> peer;  // set when created
  std::shared_ptr<void> counted;            // its place in AdapterCore::connections, freed with it
};

// The connection state of `peer`, created on first use. I/O thread only.
// The peer's connection state, or null when none was made (no input and no refusal yet).
std::shared_ptr<Connection> ExistingConnectionOf(const std::shared_ptr<Pistache::Tcp::Peer>& peer);
std::shared_ptr<Connection> ConnectionOf(const std::shared_ptr<Pistache::Tcp::Peer>& peer);

// A request of `connection` started arriving (`head_done` false) or its head is complete and its
// body is awaited (`head_done` true; the start time stays); or, with `receiving` false, it was
// dispatched or refused. I/O thread.
void NoteReceiving(Connection& connection, bool receiving, bool head_done = false);

// Answers 408 (problem request_timeout) and closes every connection whose request has been
// arriving longer than the core's header timeout (body timeout once the head is in). Any
// thread; Server calls it a few times a second. A streamed body is not timed here (its request
// counts as dispatched once its head is in): it may take as long as it keeps moving, and its
// reader fails with 408 request_timeout after body_timeout without a byte (BodyPipe). Also
// cuts off clients lingering after a closing answer, re-arms answers Pistache left unwritten,
// and closes connections whose answer nobody reads. connection_reaper.cpp.
void ReapSlowRequests(const std::shared_ptr<AdapterCore>& core);

// Called from onDisconnection, before Pistache closes the socket and drops the peer: no
// response is handed to Pistache for it afterwards. I/O thread.
void MarkDisconnected(const std::shared_ptr<Pistache::Tcp::Peer>& peer);

// Sends "100 Continue" for the request being read (RFC 9110 §10.1.1): at once if no earlier
// answer of the connection is still to be sent, else right after the last of them. I/O thread.
void InviteBody(const std::shared_ptr<Connection>& connection);

// Writes "100 Continue" unless Pistache is about to drop the peer. Any thread; for a streamed
// body its handler's first read sends it (BodyPipe::OnFirstRead), the handler's answer after.
void SendContinue(Connection& connection);

// The request being read is complete or refused: an invitation still owed is dropped.
// I/O thread.
void ForgetInvitation(Connection& connection);

// Hands the first bytes of `data` that belong to the streamed body being read to its pipe
// (blocking while the pipe is full) or drops them once the handler stopped reading; returns
// how many it took. The upload ends (connection.upload is reset) with its last byte; when bytes
// of it were dropped, *dropped is set: its answer closes the connection, so nothing after it
// is read. I/O thread.
size_t FeedUpload(Connection& connection, const char* data, size_t len, bool* dropped);

// Writes `head`, then the bytes of `source` as it produces them, on the calling worker thread:
// at most two writes wait in Pistache at a time and each wait lasts at most `timeout` (a client
// that reads nothing for that long is cut off), so a slow client holds a few chunks of memory.
// `completion` rides the last write (and closes the connection after it with `close_after`).
// When the source fails, gives more or fewer bytes than its content_length, or the client goes
// away, the connection is shut at once (the client sees a truncated body); returns false then.
// Never holds send_mu while it waits (onDisconnection waits for it). streamed_response.cpp.
// A client reading slower than pace.min_bytes_per_second on average after pace.grace is cut
// off too (review M2).
bool SendStreamed(const std::shared_ptr<Connection>& connection,
                  const std::weak_ptr<Pistache::Tcp::Peer>& peer, std::string head,
                  BodySource& source, std::shared_ptr<Completion> completion, bool close_after,
                  const TransferPace& pace, const std::string& request_id);

// A streamed response's bytes were written: restarts Pistache's idle clock of `peer` (timed
// from the request's arrival by its keep-alive check) when no next request is being read, so a
// long download that keeps moving is not taken for an idle connection. Only on the peer's I/O
// thread (Connection::io_thread); elsewhere it would race onInput on the parser. I/O thread
// (pistache_adapter.cpp, where the parser's buffer is reachable).
void RefreshIdleClock(const std::shared_ptr<Pistache::Tcp::Peer>& peer);

// ProblemResponse with X-Request-Id: for answers made before the Chain runs (which adds it).
HttpResponse Problem(const absl::Status& status, const std::string& request_id);

// Queues `job` on `connection` behind the ones before it and starts it if none is running.
// A job whose `ready` is already set is sent without calling the handler. A job that must be
// the connection's last (keep_alive false) makes the connection drop everything after it.
void Enqueue(const std::shared_ptr<AdapterCore>& core,
             const std::shared_ptr<Connection>& connection, std::shared_ptr<Job> job);

}  // namespace iris::gateway::http::internal
