#include "services/gateway/middleware/chain.hpp"

#include <algorithm>
#include <any>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <exception>
#include <map>
#include <string_view>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/json/proto_json.hpp"
#include "libs/log/log.hpp"
#include "libs/status/status.hpp"
#include "libs/values/entity_tags.hpp"
#include "services/gateway/http/compression.hpp"
#include "services/gateway/http/request_id.hpp"

namespace iris::gateway {

// How far one request got through the chain. When TryWithoutBlocking gives up, it stays on the
// request (HttpRequest::handler_state) and Handle continues from it on the worker, so the id in
// the answer and the logs is the one minted first, the duration counts from arrival, and the
// route is matched once.
struct Chain::Progress {
  const Chain* chain = nullptr;  // what another chain left means nothing to this one
  std::string request_id;
  std::chrono::steady_clock::time_point start;
  std::optional<Router::Match> match;  // once the path matched a route
  std::optional<RateDecision> rate;    // once the request was counted
  std::string caller;                  // the authenticated account's id, for the access log
};

namespace {

// "an hour", "a minute", "60 seconds": a period as the 429's message says it.
std::string PeriodText(std::chrono::seconds period) {
  if (period == std::chrono::hours(1)) return "an hour";
  if (period == std::chrono::minutes(1)) return "a minute";
  if (period == std::chrono::hours(24)) return "a day";
  return std::to_string(period.count()) + " seconds";
}

// A route's own limit for anonymous callers (Route::anonymous_limit): a second bucket per route
// and address. The 429 when it is spent; otherwise none, and `rate` becomes this bucket's
// decision when it is the tighter one, so the RateLimit-* headers tell the nearer limit.
std::optional<absl::Status> TakeRouteLimit(RateLimiter& limiter, const Route& route,
                                           const http::HttpRequest& request,
                                           const identity::Caller& caller,
                                           std::optional<RateDecision>& rate) {
  const RouteLimit& limit = route.anonymous_limit;
  if (limit.count <= 0 || !caller.anonymous()) return std::nullopt;
  const std::string key = absl::StrCat("iris:rate:route:", std::string(MethodName(route.method)),
                                       " ", route.path, ":", ScopeOf(request, caller));
  const RateDecision d = limiter.Take(
      key, limit.count, std::chrono::duration_cast<std::chrono::milliseconds>(limit.period));
  if (!d.counted) return std::nullopt;  // Redis did not answer: fail open, as the main limit
  if (!rate || !rate->counted || d.limited || d.remaining < rate->remaining) rate = d;
  if (!d.limited) return std::nullopt;
  return iris::status::WithDetail(
      absl::ResourceExhaustedError(absl::StrCat(
          "too many requests: at most ", limit.count, " ", PeriodText(limit.period),
          " from one address without signing in; retry after the seconds Retry-After says, or "
          "sign in")),
      "rate_limited");
}

// Values one repeatable filter takes (docs/openapi.yaml: maxItems).
constexpr size_t kMaxRepeats = 50;

bool Contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Every problem of the query in one 400 (as for bodies): a parameter the route does not take
// (named with what it does take), one without a value, one given twice that takes one value.
absl::Status CheckQuery(const Route& route, const http::HttpRequest& request) {
  iris::status::Validator v;
  std::map<std::string_view, size_t> seen;
  for (const auto& [name, value] : request.query) {
    const size_t times = ++seen[name];
    const bool first = times == 1;
    if (!Contains(route.query, name)) {
      if (!first) continue;
      if (route.query.empty()) {
        v.Add(name, "this operation takes no query");
      } else {
        v.Add(name, "is not a parameter of this operation (it takes " +
                        absl::StrJoin(route.query, ", ") + ")");
      }
    } else if (value.empty()) {
      // `?country=` filters nothing: a form that sends an empty field should leave it out, and
      // a 400 says so rather than an answer that silently ignores the parameter.
      v.Add(name, "has no value: leave the parameter out instead");
    } else if (!first && !Contains(route.repeatable, name)) {
      if (times == 2) v.Add(name, "may be given once");
    } else if (times == kMaxRepeats + 1) {
      v.Add(name, "may be given at most " + std::to_string(kMaxRepeats) + " times");
    }
  }
  return v.FinishMalformed();
}

using http::HasHeader;

// What a GET answer lacks to be revalidated and cached right (issue 12): an entity tag (weak:
// it names the content, whatever its encoding), and for an anonymous caller of a public route,
// leave to store it if it is revalidated. The answer depends on the credentials sent.
// A weak entity tag naming the body, unless the route gave one.
void AddEtag(Reply& reply) {
  if (!HasHeader(reply.headers, "etag") && !reply.body_source) {
    reply.WithHeader("ETag", "W/\"" + http::ContentTag(reply.body) + "\"");
  }
}

void AddValidators(Reply& reply, bool anonymous_public) {
  AddEtag(reply);
  // Caches must revalidate either way; only an anonymous public answer may be shared. Personal
  // data answered to an X-API-Key has no Authorization header to keep shared caches away.
  if (!HasHeader(reply.headers, "cache-control")) {
    reply.WithHeader("Cache-Control", anonymous_public ? "public, no-cache" : "no-store");
  }
  // Accept-Encoding too, whatever this body's size: a 304 replaces a cache's stored headers.
  reply.WithHeader("Vary", "Authorization, X-API-Key, Accept-Encoding");
}

// An answer to a request with credentials is never stored by any cache (issue 14): it may be
// personal, and a shared browser must not keep it. Whatever the route said.
void NoStoreWithCredentials(const http::HttpRequest& request, http::HttpResponse& response) {
  if (!request.HeaderValue("authorization") && !request.HeaderValue("x-api-key")) return;
  http::SetHeader(response.headers, "Cache-Control", "no-store");
}

// gzip when the client takes it and the body is worth it; either way a cache learns that the
// answer depends on Accept-Encoding.
void Compress(const http::HttpRequest& request, http::HttpResponse& response) {
  if (response.body_source || response.body.size() < http::kMinGzipBytes ||
      HasHeader(response.headers, "content-encoding")) {
    return;
  }
  bool varies = false;
  for (const auto& h : response.headers) {
    varies =
        varies || (absl::AsciiStrToLower(h.name) == "vary" &&
                   absl::AsciiStrToLower(h.value).find("accept-encoding") != std::string::npos);
  }
  if (!varies) response.headers.push_back({"Vary", "Accept-Encoding"});
  const auto accept = request.HeaderValue("accept-encoding");
  if (!accept || !http::AcceptsGzip(*accept)) return;
  if (auto gzipped = http::Gzip(response.body)) {
    response.body = *std::move(gzipped);
    response.headers.push_back({"Content-Encoding", "gzip"});
    // RFC 9110 §8.8.3: a strong tag names one encoding's bytes; the gzipped ones get the weak
    // form (If-Match and If-None-Match compare weakly here, so clients see no difference).
    for (auto& h : response.headers) {
      if (absl::AsciiStrToLower(h.name) == "etag" && h.value.rfind("W/", 0) != 0) {
        h.value = "W/" + h.value;
      }
    }
  }
}

http::HttpResponse ToHttp(Reply&& reply) {
  http::HttpResponse r;
  r.status = reply.status;
  r.headers.reserve(reply.headers.size() + 4);  // + Content-Type, Vary, X-Request-Id...
  // None for a body-less answer that says none (a file route's 304).
  if ((!reply.body.empty() || reply.status != 204) && !reply.content_type.empty()) {
    r.headers.push_back({"Content-Type", std::move(reply.content_type)});
  }
  for (auto& h : reply.headers) r.headers.push_back(std::move(h));
  r.body = std::move(reply.body);
  r.body_source = std::move(reply.body_source);
  return r;
}

}  // namespace

http::HttpResponse Chain::Handle(http::HttpRequest& request) {
  return *Run(request, /*may_block=*/true);
}

std::optional<http::HttpResponse> Chain::TryWithoutBlocking(http::HttpRequest& request) {
  return Run(request, /*may_block=*/false);
}

Chain::Progress Chain::Resume(http::HttpRequest& request) const {
  if (auto* left = std::any_cast<Progress>(&request.handler_state);
      left != nullptr && left->chain == this) {
    Progress progress = std::move(*left);
    request.handler_state.reset();
    return progress;
  }
  Progress progress;
  progress.chain = this;
  progress.start = std::chrono::steady_clock::now();
  progress.request_id = request.request_id.empty()
                            ? http::AcceptOrNewRequestId(request.HeaderValue("x-request-id"))
                            : request.request_id;
  return progress;
}

std::optional<http::HttpResponse> Chain::Run(http::HttpRequest& request, bool may_block) {
  Progress progress = Resume(request);
  const std::string& request_id = progress.request_id;
  iris::log::RequestScope scope(request_id);
  std::string route_label = "unmatched";
  std::optional<http::HttpResponse> response;
  bool preflight = false;
  try {
    if (cors_ != nullptr && request.method == "OPTIONS") {
      std::string allow;  // the path's methods; stays empty for an unknown path
      (void)router_.Find("OPTIONS", request.path, &allow);
      response = cors_->Preflight(request, allow, request_id);
      preflight = response.has_value();
      if (preflight) route_label = "preflight";
    }
    if (!preflight) response = Dispatch(request, progress, &route_label, may_block);
  } catch (const std::exception& e) {
    iris::log::Error("unhandled exception", {{"error", e.what()}, {"route", route_label}});
    response = ProblemResponse(absl::InternalError("internal error"), request_id);
  } catch (...) {
    iris::log::Error("unhandled non-standard exception", {{"route", route_label}});
    response = ProblemResponse(absl::InternalError("internal error"), request_id);
  }
  if (!response) {  // to be served where it may block, from where this pass got
    request.handler_state = std::move(progress);
    return std::nullopt;
  }
  if (progress.rate) RateLimiter::AddHeaders(*progress.rate, *response);
  NoStoreWithCredentials(request, *response);
  if (cors_ != nullptr && !preflight) cors_->Decorate(request, *response);
  Compress(request, *response);
  response->headers.push_back({"X-Request-Id", request_id});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - progress.start).count();
  metrics_.ObserveRequest("http", route_label, request.method, response->status, seconds);
  if (access_log_) {
    // One line per request (issue 14): what an operator needs to trace a request and who made
    // it, never a credential or a body. The request id is stamped by the scope above.
    // Written without a JSON document (InfoFields), keys in the order Info would write them.
    iris::log::InfoFields("request",
                          {{"caller", progress.caller.empty() ? std::string_view("anonymous")
                                                              : std::string_view(progress.caller)},
                           {"duration_ms", std::round(seconds * 1e6) / 1e3},
                           {"method", std::string_view(request.method)},
                           {"remote", std::string_view(request.remote_address)},
                           {"route", std::string_view(route_label)},
                           {"status", static_cast<std::int64_t>(response->status)}});
  } else if (response->status >= 500) {
    iris::log::Warn(
        "request failed",
        {{"method", request.method}, {"route", route_label}, {"status", response->status}});
  }
  return response;
}

std::optional<http::HttpResponse> Chain::Dispatch(http::HttpRequest& request, Progress& progress,
                                                  std::string* route_label, bool may_block) {
  const std::string& request_id = progress.request_id;
  if (!progress.match) {
    std::string allow;
    auto match = router_.Find(request.method, request.path, &allow);
    if (!match.ok()) {
      auto r = ProblemResponse(match.status(), request_id);
      if (!allow.empty()) r.headers.push_back({"Allow", allow});
      return r;
    }
    progress.match = *std::move(match);
  }
  const Route& route = *progress.match->route;
  *route_label = route.path;
  if (!may_block && !route.never_blocks && route.cache_ttl.count() == 0) return std::nullopt;
  if (!may_block && Authenticator::MayBlock(request)) return std::nullopt;
  // Without may_block a cache miss below still hands the request on: the params stay for it.
  auto params = may_block ? std::move(progress.match->params) : progress.match->params;
  RequestContext ctx{request, request_id, {}, std::move(params), std::nullopt};

  // API.md order of checks: 413 (the adapter), then 401/403, then 400/415/422.
  absl::Status access = absl::OkStatus();
  if (auth_ != nullptr) {
    auto caller = auth_->Authenticate(request, request_id);
    if (caller.ok()) {
      ctx.caller = std::move(*caller);
      progress.caller = ctx.caller.subject;
    } else {
      access = caller.status();
    }
  }
  if (access.ok()) access = CheckAccess(route, ctx.caller);
  if (!access.ok()) {
    auto r = ProblemResponse(access, request_id);
    if (access.code() == absl::StatusCode::kUnauthenticated) {
      r.headers.push_back({"WWW-Authenticate", "Bearer"});
    }
    return r;
  }
  if (auto query = CheckQuery(route, request); !query.ok()) {
    return ProblemResponse(query, request_id);
  }
  if (route.body == Body::kJson) {
    const auto content_type = request.HeaderValue("content-type");
    if (!content_type || !http::IsJsonContentType(*content_type)) {
      return ProblemResponse(
          iris::status::WithDetail(
              absl::UnimplementedError("the body must be JSON (Content-Type: application/json)"),
              "unsupported_media_type"),
          request_id);
    }
    auto parsed = iris::json::ParseBody(request.body, ctx.body_errors);
    if (!parsed.ok()) return ProblemResponse(parsed.status(), request_id);
    ctx.json_body = std::move(*parsed);
  }
  // A streamed body comes from the adapter (ServerOptions::streams_body); a request made
  // otherwise (tests, a server without the predicate) has it whole.
  if (route.body == Body::kStream && !request.body_stream) {
    request.body_stream = http::BodyReaderOf(std::move(request.body));
  }

  const bool cacheable =
      cache_ != nullptr && route.cache_ttl.count() > 0 && route.method == Method::kGet;
  std::string cache_key;
  std::optional<Reply> hit;
  if (cacheable) {
    cache_key = ResponseCache::KeyOf(request);
    hit = cache_->Get(cache_key);
  }
  if (!hit && !may_block && !route.never_blocks) return std::nullopt;
  // What reaches a handler is counted; cached answers cost no upstream work and are not.
  if (limiter_ != nullptr && !hit && !route.never_blocks) {
    if (!may_block) return std::nullopt;  // Redis is I/O
    progress.rate = limiter_->Take(request, ctx.caller);
    if (progress.rate->limited) {
      return ProblemResponse(
          iris::status::WithDetail(
              absl::ResourceExhaustedError(
                  "too many requests: at most " + std::to_string(progress.rate->limit) +
                  " a minute from " + (ctx.caller.anonymous() ? "one address" : "one account") +
                  "; retry after the seconds Retry-After says"),
              "rate_limited"),
          request_id);
    }
    if (auto limited = TakeRouteLimit(*limiter_, route, request, ctx.caller, progress.rate)) {
      return ProblemResponse(*limited, request_id);
    }
  }
  // A POST with an Idempotency-Key: replayed, refused, or claimed until it is answered below.
  std::optional<Idempotency::Claim> claim;
  if (idempotency_ != nullptr && route.method == Method::kPost && route.idempotency_keys &&
      route.body != Body::kStream) {
    if (!may_block) return std::nullopt;  // Redis is I/O
    auto begun = idempotency_->Begin(request, ctx.caller);
    if (!begun.ok()) return ProblemResponse(begun.status(), request_id);
    if (begun->replay) return *std::move(begun->replay);
    claim = *std::move(begun);
  }
  absl::StatusOr<Reply> reply = absl::InternalError("not answered");
  try {
    reply = hit ? absl::StatusOr<Reply>(*hit) : route.handle(ctx);
  } catch (...) {
    // Run answers 500; the key must not stay claimed (a retry would get 409s until it expires).
    if (claim) idempotency_->Release(*claim);
    throw;
  }
  // A handler that succeeded without calling a service has not answered the body's errors yet.
  if (reply.ok() && !ctx.body_errors.ok()) reply = ctx.body_errors.Finish();
  if (claim) {
    auto response =
        reply.ok() ? ToHttp(std::move(*reply)) : ProblemResponse(reply.status(), request_id);
    idempotency_->Finish(*claim, response);
    return response;
  }
  if (!reply.ok()) return ProblemResponse(reply.status(), request_id);
  if (cacheable && !hit && reply->status == 200 && !reply->body_source) {
    // Tagged once when stored, not on every hit: hashing the body was 4 % of a cached read.
    AddEtag(*reply);
    cache_->Put(cache_key, *reply, route.cache_ttl);
  }

  if (route.method == Method::kGet && reply->status == 200) {
    AddValidators(*reply, route.access == Access::kPublic && ctx.caller.anonymous());
    auto inm = request.HeaderValue("if-none-match");
    for (const auto& h : reply->headers) {
      if (inm && absl::AsciiStrToLower(h.name) == "etag" && values::NoneMatch(*inm, h.value)) {
        // RFC 9110 §15.4.5: a 304 carries what the 200 would have of ETag, caching and Vary.
        http::HttpResponse not_modified;
        not_modified.status = 304;
        for (const auto& kept : reply->headers) {
          const std::string name = absl::AsciiStrToLower(kept.name);
          if (name == "etag" || name == "cache-control" || name == "vary") {
            not_modified.headers.push_back(kept);
          }
        }
        return not_modified;
      }
    }
  }
  return ToHttp(std::move(*reply));
}

}  // namespace iris::gateway
