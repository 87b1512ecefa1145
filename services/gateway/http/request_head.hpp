// The syntax of a request's head (RFC 9112 §3, §5), checked on the raw bytes before Pistache
// parses them. Pistache 0.0.5 waits for more input on a request line or header line it cannot
// read (`GARBAGE\r\n\r\n` got a bare 408 after 10 s), accepts obs-folded lines and requests
// without Host, and keeps only the first of repeated headers (so a second Authorization was
// silently ignored). Pistache-free, so it is unit tested on bytes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace iris::gateway::http {

struct HeadCheck {
  enum class Verdict {
    kIncomplete,  // nothing wrong so far; the head has not ended yet
    kComplete,    // the whole head is well-formed; it ends at `head_bytes`
    kRefused,     // `status` says what is wrong (400 "malformed", or a limit's 414 / 431)
  };
  Verdict verdict = Verdict::kIncomplete;
  absl::Status status;
  size_t head_bytes = 0;
};

// Sizes a request head may have (issue 14: a 128 KiB query, 1,000 headers and one 100 KiB
// header were all served). Checked as the bytes arrive, so a client cannot make the gateway
// buffer more than this while it waits for the end of a line.
struct HeadLimits {
  size_t request_line = 8 * 1024;  // beyond: 414, reason "uri_too_long"
  size_t header_line = 8 * 1024;   // one "Name: value" line; beyond: 431 "headers_too_large"
  size_t header_count = 100;       // beyond: 431
  size_t headers = 32 * 1024;      // all header lines together; beyond: 431
};

// `data` starts at the first byte of a request. Every complete line is checked as soon as it
// has arrived: the request line (method token, origin-form or absolute target without
// spaces or controls, HTTP/1.0 or HTTP/1.1, CRLF), each header line (a token name directly
// followed by ':', no obs-fold, no control characters but tab in the value), and, once the
// empty line ends the head, exactly one Host on HTTP/1.1 (at most one on 1.0) and at most one
// of each header whose second copy would change the request's meaning.
// Beyond a limit of `limits`: refused with that limit's status (414 or 431).
HeadCheck CheckRequestHead(std::string_view data, const HeadLimits& limits = {});

// The query of the request line that starts `data` (what follows the target's first '?', up to
// the space before the version, without a '#fragment'), as sent: still percent-encoded, every
// repeated name kept. Pistache 0.0.5 keeps the query in a hash map, which keeps only the first
// value of a repeated name, so the adapter reads it here. "" without a query or a request line.
std::string_view RawQuery(std::string_view data);

// The value (without surrounding whitespace) of the first header line named `lower_name`
// (lower-case) in the head that starts `data`, or nullopt. Reads only lines that end in CRLF
// before the empty line, and needs nothing else of the head to be well-formed: a request
// refused for its head still gets its X-Request-Id echoed.
std::optional<std::string> RawHeaderValue(std::string_view data, std::string_view lower_name);

}  // namespace iris::gateway::http
