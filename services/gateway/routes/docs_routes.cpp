// GET /docs and GET /docs/{asset}: the interactive API docs (Swagger UI over GET
// /v1/openapi.json), served from memory with a strict Content-Security-Policy.
#include "services/gateway/routes/asset_reply.hpp"
#include "services/gateway/routes/route_table.hpp"

namespace iris::gateway {
namespace {

absl::StatusOr<Reply> Serve(const DocsPage* page, std::string_view name,
                            const http::HttpRequest& request) {
  if (page == nullptr || !page->installed()) {
    return absl::NotFoundError(
        "the docs page is not installed on this gateway (IRIS_DOCS_DIR is unset; scripts/run.sh "
        "installs it)");
  }
  const auto it = page->assets.find(name);
  if (it == page->assets.end()) return absl::NotFoundError("the docs page has no such file");
  const DocsAsset& asset = it->second;
  // The names carry no version: revalidate each time (a 304 when unchanged), so a new release
  // never mixes an old bundle with a new page.
  return AssetReply(asset.content_type, asset.body, asset.gzipped, asset.etag, request)
      .WithHeader("Cache-Control", "public, no-cache")
      .WithHeader("Content-Security-Policy", kDocsContentSecurityPolicy)
      .WithHeader("X-Content-Type-Options", "nosniff");
}

}  // namespace

std::vector<Route> DocsRoutes(const DocsPage* page) {
  std::vector<Route> routes;
  routes.push_back({Method::kGet, "/docs", Access::kPublic, Body::kNone,
                    [page](RequestContext& r) { return Serve(page, "", r.http); }});
  routes.back().never_blocks = true;  // the files are in memory
  routes.push_back(
      {Method::kGet, "/docs/{asset}", Access::kPublic, Body::kNone,
       [page](RequestContext& r) { return Serve(page, r.PathParam("asset"), r.http); }});
  routes.back().never_blocks = true;
  return routes;
}

}  // namespace iris::gateway
