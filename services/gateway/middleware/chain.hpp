// The request pipeline, outermost first: request id -> problems -> route match -> access ->
// body checks -> rate limit -> idempotency key (POST) -> route -> conditional GET. Every response
// leaves with X-Request-Id, and every failure is rendered once, as RFC 9457 problem+json.
#pragma once

#include <optional>

#include "absl/status/status.h"
#include "libs/metrics/metrics.hpp"
#include "services/gateway/http/http_types.hpp"
#include "services/gateway/http/problem_response.hpp"
#include "services/gateway/middleware/auth.hpp"
#include "services/gateway/middleware/cors.hpp"
#include "services/gateway/middleware/idempotency.hpp"
#include "services/gateway/middleware/rate_limiter.hpp"
#include "services/gateway/middleware/response_cache.hpp"
#include "services/gateway/routes/router.hpp"

namespace iris::gateway {

class Chain {
 public:
  // Without an authenticator every caller is anonymous (tests of the other stages).
  Chain(const Router& router, iris::metrics::Metrics& metrics, Authenticator* auth = nullptr)
      : router_(router), metrics_(metrics), auth_(auth) {}

  http::HttpResponse Handle(http::HttpRequest& request);

  // Handle() for what needs no I/O, so the HTTP adapter can answer it on its I/O thread without
  // a hand-off to a worker: unmatched paths, a cached reply of a public route, and routes marked
  // never_blocks. Returns nullopt as soon as answering would block (an API key to resolve, a
  // route handler that calls a service); Handle() then serves the request on a worker,
  // continuing from what this left in request.handler_state: the request id, the start time
  // and the matched route are worked out once per request.
  std::optional<http::HttpResponse> TryWithoutBlocking(http::HttpRequest& request);

  // Serves routes with a cache_ttl from `cache` (not owned); without it nothing is cached.
  void EnableCache(ResponseCache* cache) { cache_ = cache; }

  // Honours Idempotency-Key on POST routes with `idempotency` (not owned); without it the
  // header is ignored.
  void EnableIdempotency(Idempotency* idempotency) { idempotency_ = idempotency; }

  // Limits the requests that reach a route handler (not cached answers, not routes that never
  // block: health, docs, problem pages) with `limiter` (not owned).
  void EnableRateLimits(RateLimiter* limiter) { limiter_ = limiter; }

  // Answers preflights and marks answers for browser callers of other origins (not owned).
  void EnableCors(const Cors* cors) { cors_ = cors; }

  // One JSON line per answered request at level info: method, route template, status,
  // duration, caller id, peer address (request id stamped by the log scope). Otherwise only
  // 5xx answers are logged.
  void EnableAccessLog() { access_log_ = true; }

 private:
  struct Progress;  // one request's way through the chain so far (chain.cpp)

  std::optional<http::HttpResponse> Run(http::HttpRequest& request, bool may_block);
  Progress Resume(http::HttpRequest& request) const;
  std::optional<http::HttpResponse> Dispatch(http::HttpRequest& request, Progress& progress,
                                             std::string* route_label, bool may_block);

  const Router& router_;
  iris::metrics::Metrics& metrics_;
  Authenticator* auth_;
  ResponseCache* cache_ = nullptr;
  Idempotency* idempotency_ = nullptr;
  const Cors* cors_ = nullptr;
  RateLimiter* limiter_ = nullptr;
  bool access_log_ = false;
};

using http::ProblemResponse;  // the one problem+json builder (http/problem_response.hpp)

}  // namespace iris::gateway
