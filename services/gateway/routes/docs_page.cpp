#include "services/gateway/routes/docs_page.hpp"

#include <fstream>
#include <sstream>
#include <string_view>

#include "services/gateway/routes/asset_reply.hpp"

namespace iris::gateway {
namespace {

struct AssetFile {
  std::string_view name;  // the URL's last segment ("" for /docs itself)
  std::string_view path;  // under the docs directory
  std::string_view content_type;
};

// Only these are served: a fixed list, so no request can name another file of the directory.
constexpr AssetFile kFiles[] = {
    {"", "index.html", "text/html; charset=utf-8"},
    {"docs.js", "docs.js", "text/javascript; charset=utf-8"},
    {"docs.css", "docs.css", "text/css; charset=utf-8"},
    {"swagger-ui-bundle.js", "node_modules/swagger-ui-dist/swagger-ui-bundle.js",
     "text/javascript; charset=utf-8"},
    {"swagger-ui.css", "node_modules/swagger-ui-dist/swagger-ui.css", "text/css; charset=utf-8"},
    {"favicon-32x32.png", "node_modules/swagger-ui-dist/favicon-32x32.png", "image/png"},
};

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return absl::DataLossError("cannot read " + path);
  return text.str();
}

}  // namespace

absl::StatusOr<DocsPage> LoadDocsPage(const std::string& dir) {
  DocsPage page;
  page.dir = dir;
  if (dir.empty()) return page;
  for (const auto& file : kFiles) {
    auto body = ReadFile(dir + "/" + std::string(file.path));
    if (!body.ok()) {
      return absl::NotFoundError(std::string(body.status().message()) +
                                 ": the docs page's files are not installed there (npm ci in " +
                                 dir + ")");
    }
    DocsAsset asset;
    asset.content_type = std::string(file.content_type);
    // Gzipped once here rather than by the chain on every answer: Swagger UI's bundle is
    // 1.7 MB, and these routes run on the I/O threads.
    auto forms = FormsOf(*body);
    asset.etag = std::move(forms.etag);
    asset.gzipped = std::move(forms.gzipped);
    asset.body = *std::move(body);
    page.assets.emplace(std::string(file.name), std::move(asset));
  }
  return page;
}

}  // namespace iris::gateway
