#include "services/gateway/middleware/cors.hpp"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "libs/status/status.hpp"
#include "services/gateway/http/problem_response.hpp"

namespace iris::gateway {
namespace {

// What a browser script may send beyond the CORS-safelisted headers.
constexpr const char* kAllowHeaders =
    "Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key, X-API-Key, "
    "X-Request-Id";
// What a script may read beyond the safelisted ones (Content-Type, Cache-Control...).
constexpr const char* kExposeHeaders =
    "ETag, Location, Retry-After, X-Request-Id, Idempotent-Replayed, RateLimit-Limit, "
    "RateLimit-Remaining, RateLimit-Reset, Allow, Content-Range, Accept-Ranges, "
    "Content-Disposition";

// scheme://host[:port]: what a browser puts in Origin for a page it loaded.
bool IsOrigin(std::string_view o) {
  size_t rest;
  if (o.rfind("https://", 0) == 0) {
    rest = 8;
  } else if (o.rfind("http://", 0) == 0) {
    rest = 7;
  } else {
    return false;
  }
  const std::string_view host = o.substr(rest);
  if (host.empty()) return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
           c == '[' || c == ']';
  });
}

}  // namespace

absl::StatusOr<Cors> Cors::Parse(std::string_view setting) {
  Cors cors;
  const std::vector<std::string> entries =
      absl::StrSplit(std::string(setting), ',', absl::SkipWhitespace());
  for (const std::string& entry : entries) {
    const std::string origin = absl::AsciiStrToLower(absl::StripAsciiWhitespace(entry));
    if (origin == "*") {
      cors.any_ = true;
    } else if (IsOrigin(origin)) {
      cors.origins_.push_back(origin);
    } else {
      return absl::InvalidArgumentError(
          "IRIS_CORS_ORIGINS: \"" + origin +
          "\" is not an origin (scheme://host[:port], e.g. https://app.example.org) nor *");
    }
  }
  return cors;
}

bool Cors::Allows(std::string_view origin) const {
  if (any_) return true;
  const std::string lower = absl::AsciiStrToLower(std::string(origin));
  return std::find(origins_.begin(), origins_.end(), lower) != origins_.end();
}

std::optional<http::HttpResponse> Cors::Preflight(const http::HttpRequest& request,
                                                  std::string_view allow,
                                                  const std::string& request_id) const {
  const auto origin = request.HeaderValue("origin");
  const auto method = request.HeaderValue("access-control-request-method");
  if (request.method != "OPTIONS" || !origin || !method || !enabled()) return std::nullopt;
  if (!Allows(*origin)) {
    auto r = http::ProblemResponse(
        status::WithDetail(absl::PermissionDeniedError("the origin " + *origin +
                                                       " may not call this API from a browser"),
                           "forbidden"),
        request_id);
    r.headers.push_back({"Vary", "Origin"});
    return r;
  }
  if (allow.empty()) {
    return http::ProblemResponse(absl::NotFoundError("no resource at this path"), request_id);
  }
  http::HttpResponse r;
  r.status = 204;
  r.headers = {{"Access-Control-Allow-Origin", any_ ? "*" : *origin},
               {"Access-Control-Allow-Methods", std::string(allow)},
               {"Access-Control-Allow-Headers", kAllowHeaders},
               {"Access-Control-Max-Age", std::to_string(kMaxAgeSeconds)},
               {"Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"}};
  return r;
}

void Cors::Decorate(const http::HttpRequest& request, http::HttpResponse& response) const {
  if (!enabled()) return;
  if (any_) {
    // The same answer for every origin, with or without Origin: a copy cached from a request
    // without one still works for a script.
    response.headers.push_back({"Access-Control-Allow-Origin", "*"});
    response.headers.push_back({"Access-Control-Expose-Headers", kExposeHeaders});
    return;
  }
  response.headers.push_back({"Vary", "Origin"});
  const auto origin = request.HeaderValue("origin");
  if (!origin || !Allows(*origin)) return;
  response.headers.push_back({"Access-Control-Allow-Origin", any_ ? "*" : *origin});
  response.headers.push_back({"Access-Control-Expose-Headers", kExposeHeaders});
}

}  // namespace iris::gateway
