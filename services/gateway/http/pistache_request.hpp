// Reading a request out of Pistache, for the adapter (pistache_adapter.cpp) only: the traps of
// its parser we reach into (its read position, its typed Content-Type), our framing checks
// before and after it parses, and its request as our HttpRequest. Why each exists is written
// at its definition.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <pistache/http.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/gateway/http/http_types.hpp"
#include "services/gateway/http/pistache_adapter.hpp"

namespace iris::gateway::http::internal {

// Pistache's request as ours: method, path, version, body, peer, headers (lower-case names,
// sorted). The query is decoded apart (DecodeQuery), from the raw request line.
void CopyRequest(const Pistache::Http::Request& in, HttpRequest& out);
// out.query from the query as sent; false on a malformed escape or non-UTF-8 text.
bool DecodeQuery(std::string_view raw_query, HttpRequest& out);
// Whether the connection stays open after the answer (Connection header and HTTP version).
bool WantsKeepAlive(const HttpRequest& request);

// The 413 problem status for a body over `max_body_bytes`.
absl::Status TooLarge(size_t max_body_bytes);
// What Pistache's parser rejected (its code and reason) as our status.
absl::Status ParseErrorStatus(int code, const std::string& reason);
// Content-Length that is not 1*DIGIT (400) or over the limit (413); nothing when it is fine.
std::optional<absl::Status> CheckFraming(const Pistache::Http::Request& request,
                                         size_t max_body_bytes);
// From the complete raw head, before Pistache parses it: whether it goes to a streamed route,
// and a declared Content-Length over that route's limit.
bool StreamedHead(const AdapterCore& core, std::string_view head);
std::optional<absl::Status> CheckRawLength(const AdapterCore& core, std::string_view head);

// Streamed bodies: whether the request's route streams its body, whether the client waits for
// 100 Continue, and the declared length (411 when there is none or it is chunked).
bool StreamsBody(const AdapterCore& core, const Pistache::Http::Request& request);
bool WantsContinue(const Pistache::Http::Request& request);
absl::StatusOr<uint64_t> UploadLength(const Pistache::Http::Request& request,
                                      size_t max_upload_bytes);

// The parser's buffer: the current request's bytes from its first, and what it has not read
// yet (the start of the next request).
std::string_view Buffered(Pistache::Http::Private::ParserBase& parser);
std::string Unread(Pistache::Http::Private::ParserBase& parser);
// A streamed route's Content-Type hidden from the parser's typed header (renamed in its
// buffer before it reads the head); its value as sent, which RestoreContentType puts back.
std::optional<std::string> HideContentType(Pistache::Http::Private::ParserBase& parser);
void RestoreContentType(const std::optional<std::string>& raw, HttpRequest& out);

}  // namespace iris::gateway::http::internal
