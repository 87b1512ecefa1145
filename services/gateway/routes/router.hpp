// The one route table: matches method + raw path to a Route, with our own 404 and 405.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/gateway/routes/route.hpp"

namespace iris::gateway {

class Router {
 public:
  explicit Router(std::vector<Route> routes);

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
  };

  // NOT_FOUND for an unknown path; UNIMPLEMENTED with reason "method_not_allowed" (405) for a
  // known path and another method, with the path's methods in *allow ("GET, POST");
  // INVALID_ARGUMENT "malformed" (400) for a bad percent-escape in a segment.
  absl::StatusOr<Match> Find(std::string_view method, std::string_view raw_path,
                             std::string* allow) const;

  const std::vector<Route>& routes() const { return routes_; }

  // Whether the request goes to a Body::kStream route: http::ServerOptions::streams_body, asked
  // on an I/O thread as soon as a request's head is in.
  bool StreamsBody(std::string_view method, std::string_view raw_path) const;

 private:
  struct Compiled {
    std::vector<std::string> segments;  // literal, or "{name}" for a parameter
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

// Path segments of a raw path, empty ones dropped ("/v1//x/" -> v1, x); not decoded.
std::vector<std::string_view> SplitPath(std::string_view raw_path);

}  // namespace iris::gateway
