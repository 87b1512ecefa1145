#include "services/gateway/routes/asset_reply.hpp"

#include "services/gateway/http/compression.hpp"

namespace iris::gateway {

AssetForms FormsOf(std::string_view body) {
  AssetForms forms;
  forms.etag = "\"" + http::ContentTag(body) + "\"";
  if (body.size() >= http::kMinGzipBytes) {
    if (auto gzipped = http::Gzip(body)) forms.gzipped = *std::move(gzipped);
  }
  return forms;
}

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
