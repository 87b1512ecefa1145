#include "services/gateway/http/pistache_adapter.hpp"

#include <algorithm>
#include <cctype>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

#include <spdlog/spdlog.h>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "libs/status/status.hpp"
#include "services/gateway/http/body_pipe.hpp"
#include "services/gateway/http/cpu_lanes.hpp"
#include "services/gateway/http/pistache_connection.hpp"
#include "services/gateway/http/pistache_request.hpp"
#include "services/gateway/http/request_head.hpp"
#include "services/gateway/http/request_id.hpp"
#include "services/gateway/http/url.hpp"

namespace iris::gateway::http {
namespace {

namespace P = Pistache::Http;

// Pistache starts its I/O threads itself; each pins itself to its lane on its first input, so
// the workers it hands requests to (same lane) wake on its CPU.
void PinIoThreadOnce(AdapterCore& core) {
  thread_local const AdapterCore* pinned_for = nullptr;
  if (core.lane_cpus.empty() || pinned_for == &core) return;
  pinned_for = &core;
  const int lanes = static_cast<int>(core.lane_cpus.size());
  const int lane = core.next_lane.fetch_add(1) % lanes;
  PinCurrentThread(core.lane_cpus[static_cast<size_t>(lane)]);
  SetCurrentLane(lane);
}
using internal::Buffered;
using internal::CheckFraming;
using internal::CheckRawLength;
using internal::Connection;
using internal::CopyRequest;
using internal::DecodeQuery;
using internal::HideContentType;
using internal::Job;
using internal::ParseErrorStatus;
using internal::Problem;
using internal::RestoreContentType;
using internal::StreamedHead;
using internal::StreamsBody;
using internal::TooLarge;
using internal::Unread;
using internal::UploadLength;
using internal::WantsContinue;
using internal::WantsKeepAlive;

// The non-blocking handler's answer, if it has one; anything it throws leaves the request to
// the worker pool, whose handler reports it.
void TryNonBlocking(const AdapterCore& core, Job& job) {
  try {
    if (auto answer = core.non_blocking(job.request)) {
      // A streamed body is sent where it may block (a worker): not from this I/O thread.
      if (answer->status >= 200 && answer->status <= 599 && !answer->body_source) {
        job.ready = std::move(answer);
      }
    }
  } catch (const std::exception& e) {
    spdlog::warn("non-blocking handler threw for {} {}: {}", job.request.method, job.request.path,
                 e.what());
  }
}

}  // namespace

void PistacheAdapter::StartUpload(const std::shared_ptr<Pistache::Tcp::Peer>& peer,
                                  const std::shared_ptr<Connection>& connection,
                                  const P::Request& request, uint64_t length, bool invite) {
  auto pipe = std::make_shared<BodyPipe>(length, core_->body_pipe_bytes, core_->pace);
  // Expect: 100-continue is answered when the handler first reads the body: a request refused
  // before (401, 403, 404, a service's early refusal) is answered without its body being sent.
  if (invite) {
    pipe->OnFirstRead([weak = std::weak_ptr<Connection>(connection)] {
      if (auto c = weak.lock()) internal::SendContinue(*c);
    });
  }
  auto job = std::make_shared<Job>(peer);
  job->ticket = core_->in_flight->Enter();
  CopyRequest(request, job->request);
  job->request.body.clear();  // what of it arrived goes through the pipe (onInput)
  RestoreContentType(connection->raw_content_type, job->request);
  job->request.body_stream = pipe;
  job->upload = pipe;
  job->request_id = AcceptOrNewRequestId(job->request.HeaderValue("x-request-id"));
  job->request.request_id = job->request_id;
  job->keep_alive = WantsKeepAlive(job->request);
  if (!DecodeQuery(connection->raw_query, job->request)) {
    job->ready =
        Problem(status::WithDetail(
                    absl::InvalidArgumentError("query string is not valid percent-encoded UTF-8"),
                    "malformed"),
                job->request_id);
  }
  if (!job->ready) {
    // An upload behind another request of its connection could not be read until that one is
    // answered, and a body larger than the pipe would block this I/O thread meanwhile (review
    // H2): refused, as is one over the transfer caps (review H1). A body the pipe holds whole
    // never blocks, so it may wait its turn (a keep-alive client sending its next request the
    // moment the previous answer arrives can find the connection still marked busy for a few
    // microseconds). Stopgap until uploads get their own queue.
    bool behind = false;
    if (length > core_->body_pipe_bytes) {
      std::lock_guard lock(connection->mu);
      behind = connection->busy;
    }
    if (!behind) job->transfer = core_->TryStartTransfer(job->request.remote_address);
    if (behind || !job->transfer) {
      job->ready = Problem(
          status::WithDetail(
              absl::UnavailableError(behind ? "an upload must be the only request in flight on its "
                                              "connection; retry on a new connection"
                                            : "too many file transfers at a time; retry shortly"),
              "overloaded"),
          job->request_id);
    }
  }
  if (job->ready) {
    // Refused before its handler runs: the body is dropped as it arrives (never blocking this
    // I/O thread) and the answer closes the connection.
    pipe->Abandon();
    job->upload.reset();
    job->keep_alive = false;
  }
  // The non-blocking handler is not asked: a streamed body's route always calls a service.
  connection->upload = std::make_unique<internal::Upload>(pipe, length);
  internal::Enqueue(core_, connection, std::move(job));
  // As in onRequest: Pistache's header timeout must not apply while the handler runs. Its
  // keep-alive timeout then counts from the last bytes (onInput resets the parser for each).
  peer->setIdle(true);
}

void PistacheAdapter::onRequest(const P::Request& request, P::ResponseWriter writer) {
  try {
    auto peer = writer.getPeer();
    if (!peer) return;
    auto job = std::make_shared<Job>(peer);
    job->ticket = core_->in_flight->Enter();
    CopyRequest(request, job->request);
    job->request_id = AcceptOrNewRequestId(job->request.HeaderValue("x-request-id"));
    job->request.request_id = job->request_id;
    job->keep_alive = WantsKeepAlive(job->request);
    // API.md's order of checks puts 413 first. Bodies past Pistache's maxRequestSize never get
    // here (see onInput).
    if (job->request.body.size() > core_->max_body_bytes) {
      job->ready = Problem(TooLarge(core_->max_body_bytes), job->request_id);
    } else if (!DecodeQuery(internal::ConnectionOf(peer)->raw_query, job->request)) {
      job->ready =
          Problem(status::WithDetail(
                      absl::InvalidArgumentError("query string is not valid percent-encoded UTF-8"),
                      "malformed"),
                  job->request_id);
    }
    if (!job->ready && core_->non_blocking) TryNonBlocking(*core_, *job);
    internal::Enqueue(core_, internal::ConnectionOf(peer), std::move(job));
    // Pistache marks the peer busy when bytes arrive and idle when a response is sent, and
    // applies the header timeout (408, close) to a busy peer whose parser waits for a request
    // line, which is exactly the state while a worker runs the handler. Marking it idle here
    // leaves it to the keep-alive timeout instead.
    peer->setIdle(true);
  } catch (const std::exception& e) {
    spdlog::error("HTTP adapter failed to dispatch a request: {}", e.what());
  }
}

void PistacheAdapter::onInput(const char* buffer, size_t len,
                              const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  try {
    PinIoThreadOnce(*core_);
    auto connection = internal::ConnectionOf(peer);
    connection->io_thread.store(std::this_thread::get_id(), std::memory_order_relaxed);
    {
      // After an answer that closes the connection, later input is dropped; but a streamed body
      // still arriving is read on (into its pipe, or dropped once its handler stopped reading):
      // an upload sent with Connection: close or over HTTP/1.0 is dispatched as the
      // connection's last request, before its body arrives (black-box finding 1).
      std::lock_guard lock(connection->mu);
      if (connection->closing && !connection->upload) return;
    }
    auto parser = getParser(peer);
    auto& request = parser->request;
    if (connection->upload) {
      // A streamed body: its bytes go to the handler's pipe, not to the parser. Resetting the
      // (empty) parser restarts Pistache's idle clock, so its backstop times silence, not the
      // length of the upload.
      bool dropped = false;
      const size_t taken = internal::FeedUpload(*connection, buffer, len, &dropped);
      parser->reset();
      // After a body its handler stopped reading, the connection closes with the answer (which
      // may still be on its way): what follows is not read.
      if (connection->upload || taken == len || dropped) return;
      buffer += taken;  // the body ended inside this read: what follows is the next request
      len -= taken;
      std::lock_guard lock(connection->mu);
      if (connection->closing) return;
    }
    // Bytes of a request: its time to arrive runs from the first of them (head, then body).
    // Line breaks alone between requests (some clients send one after a body) start none.
    const bool in_body = parser->step()->id() == P::Private::BodyStep::Id;
    if (in_body ||
        std::string_view(buffer, len).find_first_not_of("\r\n") != std::string_view::npos) {
      internal::NoteReceiving(*connection, true, in_body);
    }
    std::optional<absl::Status> refusal;
    try {
      if (!parser->feed(buffer, len)) refusal = TooLarge(core_->max_body_bytes);
      // One read may hold several requests (pipelining): each is dispatched in turn.
      while (!refusal) {
        if (parser->step()->id() != P::Private::BodyStep::Id) {
          const HeadCheck head = CheckRequestHead(Buffered(*parser), core_->head_limits);
          if (head.verdict == HeadCheck::Verdict::kRefused) {
            refusal = head.status;
            break;
          }
          if (head.verdict == HeadCheck::Verdict::kIncomplete) return;  // more bytes to come
          // Pistache's parse() reserves the declared body size: a huge Content-Length throws
          // there (a 400) before our 413 could answer, so it is refused from the raw head.
          if (auto too_large = CheckRawLength(*core_, Buffered(*parser))) {
            refusal = *too_large;
            break;
          }
          connection->raw_query = std::string(RawQuery(Buffered(*parser)));
          connection->raw_content_type.reset();
          if (StreamedHead(*core_, Buffered(*parser))) {
            connection->raw_content_type = HideContentType(*parser);
          }
        }
        const P::Private::State state = parser->parse();
        std::string next;  // bytes of the next request, once this one is dispatched
        if ((state == P::Private::State::Done ||
             parser->step()->id() == P::Private::BodyStep::Id) &&
            StreamsBody(*core_, request)) {
          // Dispatched now, with the body to follow through a pipe: the handler starts its
          // upstream call while the bytes arrive, and nothing holds the whole body.
          auto length = UploadLength(request, core_->max_upload_bytes);
          if (!length.ok()) {
            refusal = length.status();
            break;
          }
          const bool whole = state == P::Private::State::Done;
          const bool invite = !whole && WantsContinue(request);
          std::string first = request.body();  // what the parser already read of the body
          if (whole) next = Unread(*parser);
          request.copyAddress(peer->address());
          StartUpload(peer, connection, request, *length, invite);
          parser->reset();
          internal::NoteReceiving(*connection, false);
          bool dropped = false;  // ends a 0-byte body too
          internal::FeedUpload(*connection, first.data(), first.size(), &dropped);
          if (connection->upload || dropped) return;  // the rest comes in later reads
        } else if (state == P::Private::State::Done) {
          refusal = CheckFraming(request, core_->max_body_bytes);
          if (refusal) break;
          internal::ForgetInvitation(*connection);
          P::ResponseWriter writer(request.version(), transport(), this, peer);
          request.copyAddress(peer->address());
          peer->setIdle(false);
          internal::NoteReceiving(*connection, false);
          onRequest(request, std::move(writer));
          next = Unread(*parser);
          parser->reset();
        } else {
          if (parser->step()->id() == P::Private::BodyStep::Id) {
            // The head is complete and the body is on its way: refuse it before reading it, or
            // invite it.
            refusal = CheckFraming(request, core_->max_body_bytes);
            if (!refusal) internal::NoteReceiving(*connection, true, /*head_done=*/true);
            if (!refusal && WantsContinue(request)) internal::InviteBody(connection);
          }
          if (!refusal) return;  // more bytes to come
          break;
        }
        // RFC 9112 §2.2: empty lines before a request line are ignored (some clients send
        // one after a body).
        next.erase(0, next.find_first_not_of("\r\n"));
        if (next.empty()) return;
        {
          std::lock_guard lock(connection->mu);
          if (connection->closing) return;  // that request closes the connection
        }
        internal::NoteReceiving(*connection, true);  // the next request has begun
        if (!parser->feed(next.data(), next.size())) refusal = TooLarge(core_->max_body_bytes);
      }
    } catch (const P::HttpError& e) {
      refusal = ParseErrorStatus(e.code(), e.reason());
    } catch (const std::exception& e) {
      // Pistache's typed headers (Host, Content-Length, Date, Cookie, Accept, ...) throw
      // std::exception on a value they cannot parse.
      spdlog::debug("request head rejected by Pistache: {}", e.what());
      refusal = ParseErrorStatus(400, "a header value cannot be parsed");
    }
    if (!refusal) return;  // more bytes to come
    auto job = std::make_shared<Job>(peer);
    job->ticket = core_->in_flight->Enter();
    // Echo the client's id when it can be read, so a client can match even a refused request.
    job->request_id = AcceptOrNewRequestId(RawHeaderValue(Buffered(*parser), "x-request-id"));
    // A HEAD answer has no body.
    if (parser->step()->id() != P::Private::RequestLineStep::Id) {
      job->request.method = P::methodString(request.method());
    } else if (Buffered(*parser).starts_with("HEAD ")) {
      job->request.method = "HEAD";
    }
    job->request.http11 = request.version() == P::Version::Http11;
    job->keep_alive = false;  // what follows on this connection cannot be framed any more
    job->ready = Problem(*refusal, job->request_id);
    internal::ForgetInvitation(*connection);
    parser->reset();
    internal::Enqueue(core_, connection, std::move(job));
  } catch (const std::exception& e) {
    spdlog::error("HTTP adapter failed to read a request: {}", e.what());
  }
}

namespace internal {

void RefreshIdleClock(const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  try {
    auto parser = P::Handler::getParser(peer);
    if (parser->step()->id() == P::Private::RequestLineStep::Id && Buffered(*parser).empty()) {
      parser->reset();
    }
  } catch (const std::exception& e) {  // the peer's data is gone: it is closing anyway
    spdlog::debug("no parser to refresh: {}", e.what());
  }
}

}  // namespace internal

void PistacheAdapter::onConnection(const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  try {
    // What Pistache's own (private) onConnection does: the parser it keeps per peer.
    peer->putData(P::Handler::ParserData, std::make_shared<P::RequestParser>(getMaxRequestSize()));
    auto connection = internal::ConnectionOf(peer);
    {
      std::lock_guard lock(core_->live_mu);
      core_->live.push_back(connection);
    }
    connection->counted =
        core_->connections->TryOpen(peer->address().host(), core_->max_connections_per_address);
    if (connection->counted) return;
    // Answered at once, before any request: the client reads it as the answer to its first
    // one, then sees the connection close.
    auto job = std::make_shared<Job>(peer);
    job->ticket = core_->in_flight->Enter();
    job->request_id = NewRequestId();
    job->request.http11 = true;
    job->keep_alive = false;
    HttpResponse refused = Problem(
        status::WithDetail(
            absl::ResourceExhaustedError("too many open connections from your address (at most " +
                                         std::to_string(core_->max_connections_per_address) +
                                         "); reuse one or close some"),
            "rate_limited"),
        job->request_id);
    refused.headers.push_back({"Retry-After", "1"});
    job->ready = std::move(refused);
    internal::Enqueue(core_, connection, std::move(job));
  } catch (const std::exception& e) {
    spdlog::error("HTTP adapter failed to accept a connection: {}", e.what());
  }
}

void PistacheAdapter::onDisconnection(const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  try {
    if (auto connection = internal::ExistingConnectionOf(peer)) {
      connection->counted.reset();
      connection->upload.reset();  // a body still arriving will not: its reader is told
    }
    internal::MarkDisconnected(peer);
  } catch (const std::exception& e) {
    spdlog::error("HTTP adapter failed to note a disconnection: {}", e.what());
  }
}

}  // namespace iris::gateway::http
