// Cross-origin calls from browser frontends (Fetch standard, "CORS protocol"): origins named in
// IRIS_CORS_ORIGINS may call the API; the gateway answers their preflights itself and tells the
// browser which answer headers a script may read. Credentials travel in `Authorization`, never
// in cookies, so no answer says Access-Control-Allow-Credentials — and "*" (any origin) is
// therefore safe to offer: it can never be combined with credentials.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/gateway/http/http_types.hpp"

namespace iris::gateway {

class Cors {
 public:
  // How long a browser may keep a preflight's answer.
  static constexpr int kMaxAgeSeconds = 600;

  // "" (no cross-origin calls), "*" (any origin) or a comma-separated list of origins, each
  // scheme://host[:port] with scheme http or https and nothing after it. Anything else is
  // INVALID_ARGUMENT naming the entry (the gateway refuses to start with it).
  static absl::StatusOr<Cors> Parse(std::string_view setting);

  bool enabled() const { return any_ || !origins_.empty(); }

  // A preflight is an OPTIONS with Origin and Access-Control-Request-Method. `allow`: the
  // methods the path takes ("GET, HEAD, POST"), empty when no route has the path. Returns the
  // answer (204 with the Access-Control-Allow-* headers; 403 problem for an origin not
  // allowed; 404 for an unknown path), or nullopt when `request` is not a preflight.
  std::optional<http::HttpResponse> Preflight(const http::HttpRequest& request,
                                              std::string_view allow,
                                              const std::string& request_id) const;

  // On any other answer: the Access-Control headers when the Origin is allowed, and
  // Vary: Origin whenever the answer depends on it.
  void Decorate(const http::HttpRequest& request, http::HttpResponse& response) const;

 private:
  bool Allows(std::string_view origin) const;

  bool any_ = false;
  std::vector<std::string> origins_;  // lower-case, as browsers send them
};

}  // namespace iris::gateway
