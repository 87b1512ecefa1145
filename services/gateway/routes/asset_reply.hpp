// A document served whole from memory (the docs page's files, the OpenAPI document): gzipped
// once ahead, never per request, because these routes run on the I/O threads.
#pragma once

#include <string>
#include <string_view>

#include "services/gateway/http/http_types.hpp"
#include "services/gateway/routes/route.hpp"

namespace iris::gateway {

// The strong tag ("\"...\"", http::ContentTag) and the gzipped form of a document served whole,
// made once: gzipped is empty when the body is too small to pay or zlib fails.
struct AssetForms {
  std::string etag;
  std::string gzipped;
};
AssetForms FormsOf(std::string_view body);

// The 200 for `body`: its `gzipped` form when there is one and the request takes gzip, with the
// strong tag `etag` ("\"...\"") made weak for the gzipped bytes, as the chain's own tags are.
// The chain adds Vary: Accept-Encoding and answers If-None-Match from the tag.
Reply AssetReply(std::string_view content_type, std::string_view body, std::string_view gzipped,
                 const std::string& etag, const http::HttpRequest& request);

}  // namespace iris::gateway
