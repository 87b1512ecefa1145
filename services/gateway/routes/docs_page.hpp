// The interactive API docs page (GET /docs): its files, read once at start and kept in memory.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "absl/status/statusor.h"

namespace iris::gateway {

// The policy every answer under /docs carries. Swagger UI runs under it unchanged: scripts and
// styles only from files of this origin (no inline code, no eval), the document fetched from
// the same origin, images from here or data: URIs (swagger-ui.css draws its icons as data:
// SVGs). Nothing may frame the page, and it submits no forms.
inline constexpr const char* kDocsContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'";

struct DocsAsset {
  std::string content_type;
  std::string body;
  std::string gzipped;  // the body gzipped once at start; empty when too small to pay
  std::string etag;     // strong entity tag of `body`
};

// The files by name: "" is the page (GET /docs), any other GET /docs/<name>.
struct DocsPage {
  std::string dir;  // where they were read from
  std::map<std::string, DocsAsset, std::less<>> assets;

  bool installed() const { return !assets.empty(); }
};

// Reads the page's files from `dir`: ours (index.html, docs.js, docs.css) and Swagger UI's
// from node_modules/swagger-ui-dist, where `npm ci` put them (scripts/run.sh does it for
// services/gateway/docs_page). An empty `dir` gives a page that is not installed: GET /docs
// then answers 404 saying so. A file missing or unreadable is an error naming it.
absl::StatusOr<DocsPage> LoadDocsPage(const std::string& dir);

}  // namespace iris::gateway
