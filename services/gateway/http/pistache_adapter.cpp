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
using internal::Connection;
using internal::Job;
using internal::Problem;

bool WantsKeepAlive(const HttpRequest& request) {
  bool close = false;
  bool keep_alive = false;
  if (auto value = request.HeaderValue("connection")) {
    std::string v = absl::AsciiStrToLower(*value);
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

void CopyRequest(const P::Request& in, HttpRequest& out) {
  out.method = P::methodString(in.method());
  out.path = in.resource();
  out.http11 = in.version() == P::Version::Http11;
  out.body = in.body();
  out.remote_address = in.address().host();
  for (const auto& [name, raw] : in.headers().rawList()) {
    out.headers.push_back({absl::AsciiStrToLower(name), raw.value()});
  }
  std::sort(out.headers.begin(), out.headers.end(),
            [](const Header& a, const Header& b) { return a.name < b.name; });
}

// Decodes the query as sent (Connection::raw_query, read from the request line before
// Pistache parsed it) into out.query; false on a malformed escape or non-UTF-8 text.
bool DecodeQuery(std::string_view raw_query, HttpRequest& out) {
  auto decoded = DecodeQueryString(raw_query);
  if (!decoded.ok()) return false;
  out.query = *std::move(decoded);
  return true;
}

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

absl::Status TooLarge(size_t max_body_bytes) {
  return status::WithDetail(absl::ResourceExhaustedError("request body exceeds " +
                                                         std::to_string(max_body_bytes) + " bytes"),
                            "payload_too_large");
}

// What Pistache's parser rejected, as our status: its 413 keeps its meaning, an unsupported
// transfer coding is 501 (RFC 9112 §6.1), everything else is the client's malformed request.
// That includes Pistache's 415, which it raises for an unparsable media type in Accept as well
// as Content-Type, and the std::exception its typed headers (Host, Content-Length, Date,
// Cookie, ...) throw, which it would have answered with a text 500.
absl::Status ParseErrorStatus(int code, const std::string& reason) {
  if (code == 413) {
    return status::WithDetail(absl::ResourceExhaustedError("malformed request: " + reason),
                              "payload_too_large");
  }
  if (code == 501) {
    return status::WithDetail(
        absl::UnimplementedError("only the chunked transfer coding is supported"),
        "not_implemented");
  }
  return status::WithDetail(absl::InvalidArgumentError("malformed request: " + reason),
                            "malformed");
}

// RFC 9110 §8.6: Content-Length is 1*DIGIT. Pistache reads "abc" as 0 and would then parse the
// body as the next request. A declared length over the limit is refused before it is read.
std::optional<absl::Status> CheckFraming(const P::Request& request, size_t max_body_bytes) {
  const auto raw = request.headers().tryGetRaw("Content-Length");
  if (!raw) return std::nullopt;
  const std::string& v = raw->value();
  if (v.empty() || v.size() > 18 ||
      !std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return status::WithDetail(absl::InvalidArgumentError("Content-Length is not a number"),
                              "malformed");
  }
  if (std::stoull(v) > max_body_bytes) return TooLarge(max_body_bytes);
  return std::nullopt;
}

// Pistache keeps its parser's read position private, and resets the parser (dropping its
// buffer) after each request: bytes of a second request that arrived in the same read were
// lost and a pipelining client hung. The position tells where a request ends, so the rest is
// fed back in. (Naming a private member is allowed in an explicit instantiation's arguments;
// the friend defined there is the only way to the member.)
template <Pistache::StreamCursor P::Private::ParserBase::*Member>
struct ParserCursorAccess {
  friend Pistache::StreamCursor& CursorOf(P::Private::ParserBase& parser) { return parser.*Member; }
};
Pistache::StreamCursor& CursorOf(P::Private::ParserBase& parser);
template struct ParserCursorAccess<&P::Private::ParserBase::cursor>;

// The bytes of the current request the parser holds, from its first byte.
std::string_view Buffered(P::Private::ParserBase& parser) {
  const auto* buf = CursorOf(parser).buf;
  if (buf == nullptr || buf->begptr() == nullptr) return {};
  return {buf->begptr(), static_cast<size_t>(buf->endptr() - buf->begptr())};
}

// What the parser has not read yet: the start of the next request.
std::string Unread(P::Private::ParserBase& parser) {
  const auto* buf = CursorOf(parser).buf;
  if (buf == nullptr || buf->curptr() == nullptr) return {};
  return {buf->curptr(), static_cast<size_t>(buf->endptr() - buf->curptr())};
}

bool WantsContinue(const P::Request& request) {
  if (request.version() != P::Version::Http11) return false;  // RFC 9110 §10.1.1
  const auto expect = request.headers().tryGetRaw("Expect");
  return expect && absl::AsciiStrToLower(expect->value()) == "100-continue";
}

bool StreamsBody(const AdapterCore& core, const P::Request& request) {
  return core.streams_body &&
         core.streams_body(P::methodString(request.method()), request.resource());
}

// The declared length of a streamed body: it must be sent with Content-Length (its limit is
// checked before a byte of it is read, and the service is told the size up front), not chunked.
absl::StatusOr<uint64_t> UploadLength(const P::Request& request, size_t max_upload_bytes) {
  const auto length = request.headers().tryGetRaw("Content-Length");
  if (!length || request.headers().tryGetRaw("Transfer-Encoding")) {
    return status::WithDetail(
        absl::FailedPreconditionError(
            "send the body with Content-Length (chunked uploads are not accepted)"),
        "length_required");
  }
  if (auto refusal = CheckFraming(request, max_upload_bytes)) return *refusal;
  return std::stoull(length->value());
}

// Whether the request whose complete raw head is `head` goes to a route whose body is streamed,
// read from the request line (METHOD SP target SP version; the route is named by the target's
// path) before Pistache parses it.
bool StreamedHead(const AdapterCore& core, std::string_view head) {
  if (!core.streams_body) return false;
  const std::string_view line = head.substr(0, head.find("\r\n"));
  const size_t sp1 = line.find(' ');
  const size_t sp2 = line.find(' ', sp1 == std::string_view::npos ? sp1 : sp1 + 1);
  if (sp1 == std::string_view::npos || sp2 == std::string_view::npos) return false;
  const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  return core.streams_body(line.substr(0, sp1), target.substr(0, target.find('?')));
}

// A declared Content-Length over the limit of the request's route (the upload limit for a
// streamed route, the body limit otherwise), read from the complete raw head before Pistache
// parses it. Anything not plainly digits is left to the parser and CheckFraming.
std::optional<absl::Status> CheckRawLength(const AdapterCore& core, std::string_view head) {
  const auto raw = RawHeaderValue(head, "content-length");
  if (!raw || raw->empty() ||
      !std::all_of(raw->begin(), raw->end(), [](unsigned char c) { return std::isdigit(c); })) {
    return std::nullopt;
  }
  const size_t limit = StreamedHead(core, head) ? core.max_upload_bytes : core.max_body_bytes;
  // Up to 19 digits fit in 64 bits; longer ones stay the parser's 400 (not a number we read).
  const std::string digits = raw->substr(std::min(raw->find_first_not_of('0'), raw->size()));
  if (digits.size() > 19 || digits.empty() || std::stoull(digits) <= limit) return std::nullopt;
  return TooLarge(limit);
}

// Trap: Pistache's parser turns Content-Type into its typed header, whose MediaType knows a fixed
// list of types and throws on anything else (font/woff2, model/gltf+json, x/y, an empty value,
// "text/plain; a"): a 400 for an upload the contract accepts with any type (black-box finding
// 2). For a streamed route the header is renamed in the parser's buffer, before the parser reads
// the head, to kHiddenContentType (same length, so nothing moves), which Pistache keeps raw;
// the value as sent is returned for StartUpload to put back. Other routes keep the typed parsing.
constexpr std::string_view kHiddenContentType = "X-Iris-Ctype";
static_assert(kHiddenContentType.size() == std::string_view("Content-Type").size());

std::optional<std::string> HideContentType(P::Private::ParserBase& parser) {
  const auto* buf = CursorOf(parser).buf;
  if (buf == nullptr || buf->begptr() == nullptr) return std::nullopt;
  char* data = buf->begptr();
  const std::string_view head(data, static_cast<size_t>(buf->endptr() - buf->begptr()));
  std::optional<std::string> value = RawHeaderValue(head, "content-type");
  if (!value) return std::nullopt;
  size_t pos = head.find("\r\n");  // the request line is not a header
  while (pos != std::string_view::npos) {
    pos += 2;
    const size_t end = head.find("\r\n", pos);
    if (end == std::string_view::npos || end == pos) break;  // the head ended
    const std::string_view line = head.substr(pos, end - pos);
    if (line.find(':') == kHiddenContentType.size() &&
        absl::AsciiStrToLower(std::string(line.substr(0, kHiddenContentType.size()))) ==
            "content-type") {
      std::copy(kHiddenContentType.begin(), kHiddenContentType.end(), data + pos);
    }
    pos = end;
  }
  return value;
}

// The request's headers as the handler sees them: the hidden Content-Type back under its name
// with its value as sent (HideContentType), and no header of the hidden name left.
void RestoreContentType(const std::optional<std::string>& raw, HttpRequest& out) {
  const std::string hidden = absl::AsciiStrToLower(std::string(kHiddenContentType));
  std::erase_if(out.headers, [&](const Header& h) { return h.name == hidden; });
  if (!raw) return;
  out.headers.push_back({"content-type", *raw});
  std::sort(out.headers.begin(), out.headers.end(),
            [](const Header& a, const Header& b) { return a.name < b.name; });
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
