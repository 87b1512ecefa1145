// Operations: liveness, readiness and the OpenAPI document.
#include "services/gateway/routes/route_table.hpp"

namespace iris::gateway {

std::vector<Route> OpsRoutes(Readiness& readiness, const std::string& openapi_json) {
  std::vector<Route> routes;
  // Alive as long as the process answers at all: no dependency is consulted.
  routes.push_back({Method::kGet, "/healthz", Access::kPublic, Body::kNone,
                    [](RequestContext&) -> absl::StatusOr<Reply> {
                      return Reply::Json(200, nlohmann::json{{"status", "ok"}});
                    }});
  routes.back().never_blocks = true;
  routes.push_back({Method::kGet, "/readyz", Access::kPublic, Body::kNone,
                    [&readiness](RequestContext&) -> absl::StatusOr<Reply> {
                      auto report = readiness.Check();
                      return Reply::Json(report.http_status, report.body)
                          .WithHeader("Cache-Control", "no-store");
                    }});
  routes.push_back({Method::kGet, "/v1/openapi.json", Access::kPublic, Body::kNone,
                    [&openapi_json](RequestContext&) -> absl::StatusOr<Reply> {
                      return Reply::Raw(200, "application/json", openapi_json)
                          .WithHeader("Cache-Control", "public, max-age=300");
                    }});
  routes.back().never_blocks = true;  // the document is in memory
  return routes;
}

}  // namespace iris::gateway
