// A route maps one REST operation to one gRPC call and back, holding no rules.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/message.h>
#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "libs/identity/caller.hpp"
#include "libs/status/status.hpp"
#include "services/gateway/http/http_types.hpp"

namespace iris::gateway {

enum class Method { kGet, kPost, kPut, kPatch, kDelete };
std::optional<Method> ParseMethod(std::string_view name);
std::string_view MethodName(Method m);

// Coarse, per-route access; object-level rules belong to the owning service.
//   kPublic        anyone, anonymous included
//   kAuthenticated any signed-in caller (token or API key)
//   kStaff         network_admin or national_coordinator
//   kNetworkAdmin  network_admin only
enum class Access { kPublic, kAuthenticated, kStaff, kNetworkAdmin };

// What a route accepts as body. kJson routes get Content-Type and syntax checked before the
// handler runs (415, 400) and find the parsed document in RequestContext::json_body. kStream
// routes (file uploads) run as soon as the request's head is in and read the raw body, of any
// Content-Type, from RequestContext::http.body_stream while it arrives (never held whole; see
// http::ServerOptions::streams_body for its limits); idempotency keys and the response cache
// leave them alone.
enum class Body { kNone, kJson, kStream };

struct RequestContext {
  const http::HttpRequest& http;
  std::string request_id;
  iris::identity::Caller caller;
  std::map<std::string, std::string> path_params;  // percent-decoded
  std::optional<nlohmann::json> json_body;
  // Field errors found in the body before any service saw it (control characters, wrong
  // types, unknown fields or enum words). They do not stop the route: the fields they name are
  // left out, and the service's dry run of the rest adds its rule errors, so one answer names
  // every error (upstream_call.hpp). Only rest::BodyInto allows that dry run (it knows what was
  // left out); any other route answers these errors before calling a service.
  iris::status::Validator body_errors = {};
  bool dry_run_allowed = false;

  std::string PathParam(const std::string& name) const;
};

struct Reply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<http::Header> headers;
  // Instead of `body`: bytes sent as they are produced (file downloads), never cached,
  // compressed or tagged by the chain; the route sets ETag itself. HEAD and 304 drop it unread.
  std::shared_ptr<http::BodySource> body_source = nullptr;

  static Reply Json(int status, const google::protobuf::Message& message);
  static Reply Json(int status, const nlohmann::json& document);
  static Reply Raw(int status, std::string content_type, std::string body);
  Reply& WithHeader(std::string name, std::string value);
};

using RouteHandler = std::function<absl::StatusOr<Reply>(RequestContext&)>;

// A limit of its own for one route: `count` requests per `period`; count 0: none.
struct RouteLimit {
  int count = 0;
  std::chrono::seconds period{0};
};

struct Route {
  Method method;
  std::string path;  // OpenAPI syntax, e.g. /v1/networks/{country}
  Access access;
  Body body;
  RouteHandler handle;
  // > 0: a public, caller-independent GET whose 200 replies the gateway may reuse this long.
  std::chrono::seconds cache_ttl{0};
  // The handler does no I/O (no service, Redis or file), so it may run on an HTTP I/O thread.
  bool never_blocks = false;
  // The query parameters it takes, as docs/openapi.yaml documents them (a test keeps both
  // equal). Any other is a 400 naming it: a misspelt filter must not look like "no filter".
  std::vector<std::string> query{};
  // Those of `query` that may be repeated, each value an alternative (`country=RS&country=BA`:
  // either). Any other given twice is a 400: which of two limits was meant?
  std::vector<std::string> repeatable{};
  // A POST whose answer carries a credential (tokens, an API key's secret, a status link) sets
  // this false: its answer is never kept anywhere but in the answer, so Idempotency-Key is
  // ignored there (docs/openapi.yaml does not offer it).
  bool idempotency_keys = true;
  // The API key scope it needs (API keys only: tokens act with all their role allows). Empty:
  // "read" for GET, "write" for anything else; webhook routes say "webhooks:manage". A `write`
  // key also reads; docs/openapi.yaml names the scope in each operation's ApiKey requirement.
  std::string scope{};
  // Anonymous callers, per address, besides the gateway's general limits: a public form a
  // script could flood (registrations for public events) gets a stricter bucket of its own
  // (the chain's second GCRA bucket, per route and address; Redis down: not applied).
  RouteLimit anonymous_limit{};
};

// `route.scope`, or the one its method implies.
std::string_view NeededScope(const Route& route);

}  // namespace iris::gateway
