#include "services/documents/rpc/file_grpc.hpp"

#include <string>
#include <string_view>
#include <utility>

#include "libs/grpc/answer.hpp"
#include "libs/status/status.hpp"
#include "proto/iris/documents/v1/file_transfer.hpp"
#include "services/documents/rpc/file_mapping.hpp"

namespace iris::documents::rpc {
namespace {

// The contract's bound on one data message (each at most 1 MiB): what the service buffers.
constexpr size_t kMaxDataMessage = 1024 * 1024;

}  // namespace

::grpc::Status FileGrpc::PutFile(::grpc::ServerContext* ctx,
                                 ::grpc::ServerReader<v1::PutFileRequest>* reader,
                                 v1::PutFileResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    v1::PutFileRequest msg;
    if (!reader->Read(&msg) || !msg.has_header()) {
      return status::Malformed("header", "the first message of PutFile carries the header");
    }
    const v1::PutFileHeader& h = msg.header();
    const app::FileUpload upload{.document_id = h.document_id(),
                                 .version = h.version(),
                                 .name = h.name(),
                                 .media_type = h.media_type(),
                                 .size = h.size()};
    bool accepted = false;
    auto next = [&](std::string* piece) -> absl::StatusOr<bool> {
      if (!accepted) {
        // The first read for data comes after the checks that can refuse the upload: the
        // gateway waits for this before it reads (or invites, with Expect: 100-continue) the
        // client's body, so a refusal does not make the client send the file first.
        accepted = true;
        ctx->AddInitialMetadata(v1::kUploadAcceptedKey, "1");
        reader->SendInitialMetadata();
      }
      for (;;) {
        if (!reader->Read(&msg)) return false;
        if (msg.part_case() == v1::PutFileRequest::PART_NOT_SET) continue;
        if (msg.has_header()) {
          return status::Malformed("header", "the header comes once, in the first message");
        }
        if (msg.data().size() > kMaxDataMessage) {
          return status::Malformed("data", "a data message holds at most 1 MiB");
        }
        *piece = std::move(*msg.mutable_data());
        return true;
      }
    };
    IRIS_ASSIGN_OR_RETURN(auto result, files_.Put(caller, upload, next));
    ToProto(result.file, out->mutable_file());
    out->set_created(result.created);
    return absl::OkStatus();
  });
}

::grpc::Status FileGrpc::GetFile(::grpc::ServerContext* ctx, const v1::GetFileRequest* req,
                                 ::grpc::ServerWriter<v1::GetFileResponse>* writer) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    app::FileDownloadRequest r{
        .document_id = req->document_id(),
        .version = req->version(),
        .name = req->name(),
        .if_none_match = {req->if_none_match().begin(), req->if_none_match().end()},
        .has_range = req->has_range(),
        .range_offset = req->range_offset(),
        .range_length = req->range_length()};
    auto download = files_.Open(caller, r);
    if (!download.ok()) {
      if (auto size = download.status().GetPayload(app::kFileSizePayload)) {
        ctx->AddTrailingMetadata(v1::kFileSizeKey, std::string(*size));
      }
      return download.status();
    }
    v1::GetFileResponse msg;
    v1::GetFileHeader* header = msg.mutable_header();
    ToProto(download->file, header->mutable_file());
    header->set_not_modified(download->not_modified);
    header->set_offset(download->offset);
    header->set_length(download->length);
    if (!writer->Write(msg)) return absl::CancelledError("the client went away");
    return files_.Send(*download, [&](std::string_view bytes) {
      msg.set_data(bytes.data(), bytes.size());
      return writer->Write(msg);
    });
  });
}

}  // namespace iris::documents::rpc
