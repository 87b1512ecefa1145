// A document version's files as raw bytes, streamed both ways: PUT uploads one (any
// Content-Type, Content-Length required), GET (and HEAD) downloads it with ETag, 304 and single
// byte ranges. Neither holds a file: the upload goes from the adapter's body pipe to the gRPC
// client stream in 256 KiB messages, the download from the gRPC server stream to the client
// chunk by chunk. Rules (who may upload, which version takes files, limits) live in documents.
#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <grpcpp/client_context.h>
#include <grpcpp/support/sync_stream.h>

#include "absl/strings/str_cat.h"
#include "iris/documents/v1/documents.grpc.pb.h"
#include "libs/status/status.hpp"
#include "proto/iris/documents/v1/file_transfer.hpp"
#include "services/gateway/routes/byte_range.hpp"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::documents::v1;
using Stub = v1::Documents::Stub;

constexpr const char* kPath = "/v1/documents/{id}/versions/{n}/files/{name}";
// What one PutFile data message carries (the contract allows up to 1 MiB).
constexpr size_t kChunkBytes = 256 * 1024;

// {n}: a version number, else no such version (404).
absl::StatusOr<int32_t> VersionNumber(const RequestContext& r) {
  return rest::PositivePathNumber(r, "n", "no such version of this document");
}

iris::identity::Caller CallerOf(const RequestContext& r) {
  auto caller = r.caller;
  caller.request_id = r.request_id;
  return caller;
}

std::string FileLocation(const std::string& id, int32_t n, const std::string& name) {
  return absl::StrCat("/v1/documents/", id, "/versions/", n, "/files/", name);
}

// Types a browser shows without running anything; everything else is saved.
bool ShownInline(const std::string& media_type) {
  const std::string mime = media_type.substr(0, media_type.find(';'));
  return mime == "application/pdf" || mime == "text/plain" || mime == "image/png" ||
         mime == "image/jpeg";
}

absl::StatusOr<Reply> PutFile(Upstream& c, std::chrono::milliseconds timeout, RequestContext& r) {
  IRIS_ASSIGN_OR_RETURN(const int32_t n, VersionNumber(r));
  http::BodyReader* body = r.http.body_stream.get();
  if (body == nullptr) return absl::InternalError("file route without a body stream");
  v1::PutFileRequest message;  // the header, then data: `header` dies with the first data
  v1::PutFileHeader& header = *message.mutable_header();
  header.set_document_id(r.PathParam("id"));
  header.set_version(n);
  header.set_name(r.PathParam("name"));
  header.set_media_type(r.http.HeaderValue("content-type").value_or("application/octet-stream"));
  header.set_size(static_cast<int64_t>(body->content_length()));

  ::grpc::ClientContext ctx;
  c.Prepare(ctx, CallerOf(r), timeout);
  v1::PutFileResponse out;
  auto writer = c.StubOf<Stub>().PutFile(&ctx, &out);
  // A false Write means the service ended the call (a refusal, e.g. NOT_FOUND before any byte):
  // Finish says why, and the adapter drops the unread rest of the body and closes.
  bool open = writer->Write(message);
  if (open) {
    // The service checks the header (document, version, rights, limits) and says it takes the
    // data with initial metadata before reading any: until then no byte of the body is read,
    // nor invited with 100 Continue. A call that ended without it is a refusal Finish names.
    // The wait is bounded by the call's deadline.
    writer->WaitForInitialMetadata();
    open = ctx.GetServerInitialMetadata().contains(v1::kUploadAcceptedKey);
  }
  absl::Status body_error;
  while (open) {
    auto chunk = body->Read(kChunkBytes);
    if (!chunk.ok()) {
      // The client stalled or went away: the service must not keep half a file.
      body_error = chunk.status();
      ctx.TryCancel();
      break;
    }
    if (chunk->empty()) {
      open = writer->WritesDone();
      break;
    }
    message.set_data(*std::move(chunk));
    open = writer->Write(message);
  }
  const ::grpc::Status s = writer->Finish();
  if (absl::IsCancelled(body_error)) {
    // The client left mid-upload: nobody reads this answer, and it is not the gateway's fault
    // (logged and counted as a 4xx, not a 500).
    return status::WithDetail(absl::InvalidArgumentError("the client closed the request"),
                              "malformed");
  }
  if (!body_error.ok()) return body_error;
  if (!s.ok()) return c.StatusOf(s);
  const v1::File& f = out.file();
  return Reply::Json(out.created() ? 201 : 200, f)
      .WithHeader("Location", FileLocation(r.PathParam("id"), n, f.name()))
      .WithHeader("ETag", v1::FileEtag(f.sha256()));
}

// One GetFile call being read: each Next() is one data message. Dropped before its end (HEAD,
// client gone, a cut), it cancels the call.
class FileDownload : public http::BodySource {
 public:
  FileDownload(Upstream& c, std::unique_ptr<::grpc::ClientContext> ctx,
               std::unique_ptr<::grpc::ClientReader<v1::GetFileResponse>> reader, uint64_t length)
      : c_(c), ctx_(std::move(ctx)), reader_(std::move(reader)), length_(length) {}
  ~FileDownload() override {
    if (reader_ == nullptr) return;
    ctx_->TryCancel();
    (void)reader_->Finish();
  }
  FileDownload(const FileDownload&) = delete;
  FileDownload& operator=(const FileDownload&) = delete;

  uint64_t content_length() const override { return length_; }

  absl::StatusOr<std::string> Next() override {
    if (reader_ == nullptr) return std::string();
    v1::GetFileResponse message;
    if (!reader_->Read(&message)) {
      const ::grpc::Status s = reader_->Finish();
      reader_.reset();
      if (!s.ok()) return c_.StatusOf(s);
      return std::string();  // ended: fewer bytes than announced makes the adapter cut
    }
    if (!message.has_data() || message.data().empty()) {
      return absl::InternalError("documents sent a file message without data");
    }
    delivered_ += message.data().size();
    if (delivered_ >= length_) {
      // The last bytes: the adapter asks no further, so the stream is read to its end here and
      // finished, and the service sees its call complete instead of CANCELLED (review Low 5).
      v1::GetFileResponse extra;
      const bool more = reader_->Read(&extra);
      if (more) ctx_->TryCancel();
      const ::grpc::Status s = reader_->Finish();
      reader_.reset();
      if (more) return absl::InternalError("documents sent more file bytes than announced");
      if (!s.ok()) return c_.StatusOf(s);
    }
    return std::move(*message.mutable_data());
  }

 private:
  Upstream& c_;
  std::unique_ptr<::grpc::ClientContext> ctx_;
  std::unique_ptr<::grpc::ClientReader<v1::GetFileResponse>> reader_;  // null once finished
  const uint64_t length_;
  uint64_t delivered_ = 0;
};

absl::StatusOr<Reply> GetFile(Upstream& c, std::chrono::milliseconds timeout, RequestContext& r) {
  IRIS_ASSIGN_OR_RETURN(const int32_t n, VersionNumber(r));
  v1::GetFileRequest req;
  req.set_document_id(r.PathParam("id"));
  req.set_version(n);
  req.set_name(r.PathParam("name"));
  if (auto inm = r.http.HeaderValue("if-none-match")) req.add_if_none_match(*inm);
  // With If-Range the Range is ignored and the whole file sent (RFC 9110 §13.1.5 allows it, and
  // it is always right: a client resuming a download of a file that changed gets the new one).
  // HEAD ignores Range too: its answer describes the whole file.
  std::optional<ByteRange> range;
  if (!r.http.HeaderValue("if-range") && r.http.method != "HEAD") {
    range = ParseRange(r.http.HeaderValue("range").value_or(""));
  }
  if (range) {
    req.set_has_range(true);
    req.set_range_offset(range->offset);
    req.set_range_length(range->length);
  }

  auto ctx = std::make_unique<::grpc::ClientContext>();
  c.Prepare(*ctx, CallerOf(r), timeout);
  auto reader = c.StubOf<Stub>().GetFile(ctx.get(), req);
  v1::GetFileResponse first;
  if (!reader->Read(&first)) {
    const ::grpc::Status s = reader->Finish();
    if (s.error_code() == ::grpc::StatusCode::OUT_OF_RANGE) {
      std::string size = "*";
      const auto& trailers = ctx->GetServerTrailingMetadata();
      if (auto it = trailers.find(v1::kFileSizeKey); it != trailers.end()) {
        size = std::string(it->second.data(), it->second.size());
      }
      auto problem = rest::Problem(
          status::WithDetail(absl::OutOfRangeError(s.error_message()), "range_not_satisfiable"), r);
      return problem.WithHeader("Content-Range", "bytes */" + size);
    }
    if (!s.ok()) return c.StatusOf(s);
    return absl::InternalError("documents ended GetFile without a header");
  }
  if (!first.has_header()) return absl::InternalError("documents sent file data before a header");
  const v1::GetFileHeader& h = first.header();
  const v1::File& f = h.file();
  if (h.not_modified()) {
    // The stream ends here. Cancelled first so Finish cannot wait on a service that keeps
    // the call open (a no-op when it has ended, as it should).
    ctx->TryCancel();
    (void)reader->Finish();
    return Reply{
        304, "", "", {{"ETag", v1::FileEtag(f.sha256())}, {"Cache-Control", "no-cache"}}, nullptr};
  }
  const bool partial = range.has_value() && f.size() > 0;
  Reply reply{partial ? 206 : 200,
              f.media_type().empty() ? "application/octet-stream" : f.media_type(),
              "",
              {},
              nullptr};
  reply.WithHeader("ETag", v1::FileEtag(f.sha256()))
      .WithHeader("Accept-Ranges", "bytes")
      .WithHeader("Cache-Control", "no-cache")
      .WithHeader("Content-Disposition",
                  absl::StrCat(ShownInline(f.media_type()) ? "inline" : "attachment",
                               "; filename=\"", f.name(), "\""))
      // A file is the uploader's bytes: opened in a browser it runs nothing and reaches nothing.
      .WithHeader("Content-Security-Policy", "sandbox; default-src 'none'");
  if (partial) {
    reply.WithHeader("Content-Range", absl::StrCat("bytes ", h.offset(), "-",
                                                   h.offset() + h.length() - 1, "/", f.size()));
  }
  if (h.length() == 0) {
    // No data follows (an empty file): the call is finished now rather than cancelled later.
    v1::GetFileResponse extra;
    if (reader->Read(&extra)) ctx->TryCancel();
    (void)reader->Finish();
    reader.reset();
  }
  reply.body_source = std::make_shared<FileDownload>(c, std::move(ctx), std::move(reader),
                                                     static_cast<uint64_t>(h.length()));
  return reply;
}

}  // namespace

std::vector<Route> DocumentFileRoutes(Upstream& documents, const RouteDeps& deps) {
  const auto timeout = deps.file_transfer_timeout;
  std::vector<Route> routes;
  routes.push_back(
      {Method::kPut, kPath, Access::kAuthenticated, Body::kStream,
       [&documents, timeout](RequestContext& r) { return PutFile(documents, timeout, r); }});
  routes.push_back(
      {Method::kGet, kPath, Access::kPublic, Body::kNone,
       [&documents, timeout](RequestContext& r) { return GetFile(documents, timeout, r); }});
  return routes;
}

}  // namespace iris::gateway
