// Reading a request out of Pistache (pistache_request.hpp).
#include "services/gateway/http/pistache_request.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "libs/status/status.hpp"
#include "services/gateway/http/request_head.hpp"
#include "services/gateway/http/url.hpp"

namespace iris::gateway::http::internal {

namespace P = Pistache::Http;

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

}  // namespace iris::gateway::http::internal
