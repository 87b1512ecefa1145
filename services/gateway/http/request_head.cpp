#include "services/gateway/http/request_head.hpp"

#include <array>
#include <map>
#include <string>

#include "absl/strings/ascii.h"
#include "libs/status/status.hpp"
#include "services/gateway/http/http_types.hpp"

namespace iris::gateway::http {
namespace {

// RFC 9110 §5.6.2 tchar.
bool IsTokenChar(unsigned char c) {
  return absl::ascii_isalnum(c) ||
         std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (!IsTokenChar(c)) return false;
  }
  return true;
}

// Headers a request must not repeat: Pistache keeps the first copy only, and for these a
// second one would mean something else (credentials, framing, preconditions, identity).
constexpr std::array<std::string_view, 11> kSingletons = {
    "host",     "authorization", "content-length",  "content-type", "transfer-encoding",
    "if-match", "if-none-match", "idempotency-key", "x-request-id", "x-api-key",
    "expect"};

HeadCheck Refuse(const std::string& why) {
  HeadCheck out;
  out.verdict = HeadCheck::Verdict::kRefused;
  out.status = status::Malformed("malformed request: " + why);
  return out;
}

HeadCheck Over(absl::Status status) {
  HeadCheck out;
  out.verdict = HeadCheck::Verdict::kRefused;
  out.status = std::move(status);
  return out;
}

HeadCheck UriTooLong(const HeadLimits& limits) {
  return Over(status::WithDetail(
      absl::ResourceExhaustedError("the request line is longer than " +
                                   std::to_string(limits.request_line) +
                                   " bytes: ask for fewer filter values at a time"),
      "uri_too_long"));
}

HeadCheck HeadersTooLarge(const std::string& what) {
  return Over(status::WithDetail(absl::ResourceExhaustedError(what), "headers_too_large"));
}

// "METHOD SP request-target SP HTTP-version" (CR stripped by the caller).
bool ValidRequestLine(std::string_view line, bool* http11) {
  const size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos || !IsToken(line.substr(0, sp1))) return false;
  const size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || sp2 == sp1 + 1) return false;
  for (unsigned char c : line.substr(sp1 + 1, sp2 - sp1 - 1)) {
    if (c <= 0x20 || c >= 0x7f) return false;  // RFC 9112 §3.2: no whitespace, no controls
  }
  const std::string_view version = line.substr(sp2 + 1);
  if (version == "HTTP/1.1") {
    *http11 = true;
    return true;
  }
  *http11 = false;
  return version == "HTTP/1.0";
}

// Where the partial first line already cannot become a request line: a byte that is not a
// token character before the first space (binary garbage, a TLS handshake).
bool HopelessStart(std::string_view partial) {
  const size_t sp = partial.find(' ');
  const std::string_view method = partial.substr(0, sp);
  for (unsigned char c : method) {
    if (!IsTokenChar(c) && c != '\r') return true;
  }
  return sp == 0;
}

}  // namespace

HeadCheck CheckRequestHead(std::string_view data, const HeadLimits& limits) {
  size_t eol = data.find('\n');
  if (eol == std::string_view::npos) {
    if (data.size() > limits.request_line + 1) return UriTooLong(limits);
    return HopelessStart(data) ? Refuse("not an HTTP request line") : HeadCheck{};
  }
  if (eol > limits.request_line + 1) return UriTooLong(limits);  // + CR
  if (eol == 0 || data[eol - 1] != '\r') return Refuse("lines must end with CRLF");
  bool http11 = true;
  if (!ValidRequestLine(data.substr(0, eol - 1), &http11)) {
    return Refuse("the request line is not \"METHOD target HTTP/1.1\"");
  }
  std::map<std::string, int> seen;  // lower-case name -> count, for the listed ones
  const size_t headers_start = eol + 1;
  size_t at = headers_start;
  size_t count = 0;
  const std::string header_limits = "at most " + std::to_string(limits.header_count) +
                                    " header lines of " + std::to_string(limits.header_line) +
                                    " bytes each, " + std::to_string(limits.headers) +
                                    " bytes in all";
  while (true) {
    eol = data.find('\n', at);
    const size_t line_bytes = (eol == std::string_view::npos ? data.size() : eol) - at;
    if (line_bytes > limits.header_line + 1) {
      return HeadersTooLarge("a header line is longer than " + std::to_string(limits.header_line) +
                             " bytes (" + header_limits + ")");
    }
    if ((eol == std::string_view::npos ? data.size() : eol) - headers_start > limits.headers) {
      return HeadersTooLarge("the headers are larger than " + std::to_string(limits.headers) +
                             " bytes (" + header_limits + ")");
    }
    if (eol == std::string_view::npos) return HeadCheck{};  // the head goes on
    if (eol == at || data[eol - 1] != '\r') return Refuse("lines must end with CRLF");
    const std::string_view line = data.substr(at, eol - 1 - at);
    at = eol + 1;
    if (line.empty()) break;  // the empty line: the head is complete
    if (++count > limits.header_count) {
      return HeadersTooLarge("more than " + std::to_string(limits.header_count) +
                             " header lines (" + header_limits + ")");
    }
    if (line.front() == ' ' || line.front() == '\t') {
      return Refuse("obsolete line folding (a header line starting with a space) is refused");
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || !IsToken(line.substr(0, colon))) {
      return Refuse("a header line is not \"Name: value\"");
    }
    for (unsigned char c : line.substr(colon + 1)) {
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return Refuse("a header value holds a control character");
      }
    }
    const std::string name = absl::AsciiStrToLower(std::string(line.substr(0, colon)));
    for (std::string_view singleton : kSingletons) {
      if (name == singleton && ++seen[name] > 1) {
        return Refuse("the " + std::string(line.substr(0, colon)) + " header appears twice");
      }
    }
  }
  if (http11 && seen["host"] == 0) return Refuse("HTTP/1.1 requires a Host header");
  HeadCheck out;
  out.verdict = HeadCheck::Verdict::kComplete;
  out.head_bytes = at;
  return out;
}

std::optional<std::string> RawHeaderValue(std::string_view data, std::string_view lower_name) {
  size_t pos = data.find("\r\n");  // skip the request line
  while (pos != std::string_view::npos) {
    pos += 2;
    const size_t end = data.find("\r\n", pos);
    if (end == std::string_view::npos || end == pos) return std::nullopt;  // cut or head ended
    const std::string_view line = data.substr(pos, end - pos);
    const size_t colon = line.find(':');
    if (colon == lower_name.size() &&
        absl::AsciiStrToLower(std::string(line.substr(0, colon))) == lower_name) {
      return std::string(TrimOws(line.substr(colon + 1)));
    }
    pos = end;
  }
  return std::nullopt;
}

std::string_view RawQuery(std::string_view data) {
  const size_t eol = data.find("\r\n");
  const std::string_view line = data.substr(0, eol);
  const size_t target = line.find(' ');
  if (target == std::string_view::npos) return {};
  const size_t version = line.find(' ', target + 1);
  const std::string_view uri =
      line.substr(target + 1, version == std::string_view::npos ? std::string_view::npos
                                                                : version - target - 1);
  const size_t q = uri.find('?');
  if (q == std::string_view::npos) return {};
  std::string_view query = uri.substr(q + 1);
  return query.substr(0, query.find('#'));
}

}  // namespace iris::gateway::http
