// Pistache-free request and response types: what the gateway's middleware and routes see.
#pragma once

#include <any>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "services/gateway/http/body_stream.hpp"

namespace iris::gateway::http {

struct Header {
  std::string name;
  std::string value;
};

struct HttpRequest {
  std::string method;  // "GET", "POST", ... as sent
  // Raw request path, NOT percent-decoded: the router splits it into segments first, then
  // decodes each, so an encoded '/' (%2F) cannot forge a segment boundary.
  std::string path;
  // Percent-decoded ('+' as space) names and values in arrival order, repeated names kept
  // (`country=RS&country=BA`): the adapter reads them from the request line itself, since
  // Pistache 0.0.5's query map keeps only the first value of a name.
  std::vector<std::pair<std::string, std::string>> query;
  // Names lower-cased. Pistache keeps one value per name (the first), sorted here by name.
  std::vector<Header> headers;
  std::string body;
  // Set instead of `body` for a request whose body is streamed (ServerOptions::streams_body):
  // the handler runs as soon as the head is in and reads the body from here as it arrives.
  std::shared_ptr<BodyReader> body_stream;
  std::string remote_address;  // peer IP
  bool http11 = true;
  // The client's X-Request-Id when it is safe to echo, else a new one (request_id.hpp), set by
  // the adapter before any handler runs, so its own answers and logs and the handlers' name the
  // request alike. Empty when no adapter made the request (tests): the handler picks one.
  std::string request_id;
  // Opaque here: the http layer only carries it from NonBlockingHandler to Handler, so what the
  // I/O thread worked out before giving up is not worked out again on the worker.
  std::any handler_state;

  // First header named `lower_name` (which must be lower-case).
  std::optional<std::string> HeaderValue(std::string_view lower_name) const;
  // The first value of `name`, or nullopt.
  std::optional<std::string> QueryValue(std::string_view name) const;
  // Every value of `name`, in arrival order.
  std::vector<std::string> QueryValues(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  // Sent as given, Content-Type included. Content-Length, Connection and Transfer-Encoding are
  // the adapter's to write and are dropped; repeated names are joined with ", ".
  std::vector<Header> headers;
  std::string body;
  // Set instead of `body` for a body sent as it is produced (body_stream.hpp); Content-Length
  // is its content_length. Sent from the worker thread that ran the handler.
  std::shared_ptr<BodySource> body_source;
};

// May block (gRPC, Redis): runs on a worker thread, never on an I/O thread. May throw: the
// adapter answers 500 problem+json and logs the exception.
using Handler = std::function<HttpResponse(HttpRequest&)>;

// Whether `headers` has one named `lower_name` (lower-case; names compare without case).
bool HasHeader(const std::vector<Header>& headers, std::string_view lower_name);
// Every header named like `name` gets `value`; none: `name: value` is added.
void SetHeader(std::vector<Header>& headers, std::string_view name, std::string value);

// `value` without leading and trailing optional whitespace (RFC 9110 §5.6.3: spaces, tabs).
std::string_view TrimOws(std::string_view value);

// True when Content-Type names JSON: application/json or application/<x>+json, any parameters.
bool IsJsonContentType(std::string_view content_type);

// Runs on the I/O thread that read the request, before any hand-off to a worker, so it must
// never block: it answers what needs no I/O, or returns nullopt and Handler gets the request,
// with what it left in HttpRequest::handler_state. Saves two thread hand-offs per request it
// answers. May throw (then Handler runs).
using NonBlockingHandler = std::function<std::optional<HttpResponse>(HttpRequest&)>;

}  // namespace iris::gateway::http
