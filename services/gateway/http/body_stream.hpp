// Bodies that are streamed instead of held whole (file uploads and downloads, issue 18): what
// a handler reads a request body from, and what it hands back to send a response body from.
// Pistache-free; the adapter implements the reader (body_pipe.hpp) and drives the source.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace iris::gateway::http {

// A request body as it arrives. Read blocks (worker thread) until bytes are there.
class BodyReader {
 public:
  virtual ~BodyReader() = default;
  // The declared Content-Length: exactly this many bytes come before the end.
  virtual uint64_t content_length() const = 0;
  // At most `max` (> 0) bytes of the body; "" once all of it was read. Errors:
  // DEADLINE_EXCEEDED reason "request_timeout" when no byte arrived for the body timeout,
  // CANCELLED when the client went away (nobody reads the answer then).
  virtual absl::StatusOr<std::string> Read(size_t max) = 0;
};

// A body held in memory as a BodyReader: for requests that did not come through the adapter
// (tests, handlers called directly).
std::shared_ptr<BodyReader> BodyReaderOf(std::string body);

// A response body produced while it is sent. The adapter writes the head with content_length,
// then calls Next on the worker thread until "" and sends each chunk, waiting for the client
// to take it, so a slow client holds at most a few chunks in memory. An error after the head
// is out, or a different number of bytes than content_length, closes the connection: the
// client sees a truncated body. Dropped unread (HEAD, 304, client gone): the destructor must
// release what it holds (cancel its upstream call).
class BodySource {
 public:
  virtual ~BodySource() = default;
  virtual uint64_t content_length() const = 0;
  // The next bytes (not empty), or "" at the end.
  virtual absl::StatusOr<std::string> Next() = 0;
};

}  // namespace iris::gateway::http
