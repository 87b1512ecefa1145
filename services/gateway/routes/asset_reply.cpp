#include "services/gateway/routes/asset_reply.hpp"

#include "services/gateway/http/compression.hpp"

namespace iris::gateway {

Reply AssetReply(std::string_view content_type, std::string_view body, std::string_view gzipped,
                 const std::string& etag, const http::HttpRequest& request) {
  const auto accept = request.HeaderValue("accept-encoding");
  const bool gzip = !gzipped.empty() && accept && http::AcceptsGzip(*accept);
  Reply reply = Reply::Raw(200, std::string(content_type), std::string(gzip ? gzipped : body))
                    .WithHeader("ETag", gzip ? "W/" + etag : etag);
  if (gzip) reply.WithHeader("Content-Encoding", "gzip");
  return reply;
}

}  // namespace iris::gateway
