// Operations: liveness, readiness and the OpenAPI document.
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "services/gateway/routes/asset_reply.hpp"
#include "services/gateway/routes/route_table.hpp"

namespace iris::gateway {

namespace {

// The OpenAPI document as served. Its tag and gzipped form are made by the first request, not at
// start: until then an idle gateway never touches the document (540 KB in the binary's
// read-only data). Gzipped once, since the chain would otherwise gzip it on an I/O thread at
// every request.
class OpenApiDocument {
 public:
  explicit OpenApiDocument(std::string_view json) : json_(json) {}

  Reply Serve(const http::HttpRequest& request) {
    std::call_once(prepared_, [this] { forms_ = FormsOf(json_); });
    return AssetReply("application/json", json_, forms_.gzipped, forms_.etag, request)
        .WithHeader("Cache-Control", "public, max-age=300");
  }

 private:
  const std::string_view json_;
  std::once_flag prepared_;
  AssetForms forms_;  // set once under prepared_
};

}  // namespace

std::vector<Route> OpsRoutes(Readiness& readiness, std::string_view openapi_json) {
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
                    [document = std::make_shared<OpenApiDocument>(openapi_json)](RequestContext& r)
                        -> absl::StatusOr<Reply> { return document->Serve(r.http); }});
  routes.back().never_blocks = true;  // the document is in memory
  return routes;
}

}  // namespace iris::gateway
