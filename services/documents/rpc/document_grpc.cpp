#include "services/documents/rpc/document_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/pagination/keyset.hpp"
#include "libs/proto_values/proto_values.hpp"
#include "libs/status/status.hpp"
#include "services/documents/rpc/document_mapping.hpp"

namespace iris::documents::rpc {

using proto_values::Strings;

::grpc::Status DocumentGrpc::CreateDocument(::grpc::ServerContext* ctx,
                                            const v1::CreateDocumentRequest* req,
                                            v1::Document* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto d, documents_.Create(caller, DocumentPatchFromProto(req->document(), req->fields())));
    ToProto(d, caller, out);
    return absl::OkStatus();
  });
}

::grpc::Status DocumentGrpc::GetDocument(::grpc::ServerContext* ctx,
                                         const v1::GetDocumentRequest* req, v1::Document* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto d, documents_.Get(caller, req->id()));
    ToProto(d, caller, out);
    return absl::OkStatus();
  });
}

::grpc::Status DocumentGrpc::UpdateDocument(::grpc::ServerContext* ctx,
                                            const v1::UpdateDocumentRequest* req,
                                            v1::Document* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto d,
        documents_.Update(caller, req->id(), DocumentPatchFromProto(req->document(), req->fields()),
                          req->expected_version()));
    ToProto(d, caller, out);
    return absl::OkStatus();
  });
}

::grpc::Status DocumentGrpc::ListDocuments(::grpc::ServerContext* ctx,
                                           const v1::ListDocumentsRequest* req,
                                           v1::ListDocumentsResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    app::DocumentListRequest list{.kind = Strings(req->kind()),
                                  .country = Strings(req->country()),
                                  .topic = Strings(req->topic()),
                                  .language = Strings(req->language()),
                                  .status = Strings(req->status()),
                                  .year = {req->year().begin(), req->year().end()},
                                  .q = req->q(),
                                  .page = proto_values::FromProto(req->page())};
    IRIS_ASSIGN_OR_RETURN(auto found, documents_.List(caller, list));
    pagination::FillResponse(found.page, out,
                             [&](const auto& item, auto* m) { ToProto(item, caller, m); });
    if (found.facets) ToProto(*found.facets, out->mutable_facets());
    return absl::OkStatus();
  });
}

::grpc::Status DocumentGrpc::Act(::grpc::ServerContext* ctx, const v1::DocumentActionRequest* req,
                                 domain::DocumentVerb verb, v1::Document* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto d, documents_.Act(caller, req->id(), verb, req->note(), req->expected_version()));
    ToProto(d, caller, out);
    return absl::OkStatus();
  });
}

::grpc::Status DocumentGrpc::SubmitDocument(::grpc::ServerContext* ctx,
                                            const v1::DocumentActionRequest* req,
                                            v1::Document* out) {
  return Act(ctx, req, domain::DocumentVerb::kSubmit, out);
}

::grpc::Status DocumentGrpc::PublishDocument(::grpc::ServerContext* ctx,
                                             const v1::DocumentActionRequest* req,
                                             v1::Document* out) {
  return Act(ctx, req, domain::DocumentVerb::kPublish, out);
}

::grpc::Status DocumentGrpc::ArchiveDocument(::grpc::ServerContext* ctx,
                                             const v1::DocumentActionRequest* req,
                                             v1::Document* out) {
  return Act(ctx, req, domain::DocumentVerb::kArchive, out);
}

::grpc::Status DocumentGrpc::CreateVersion(::grpc::ServerContext* ctx,
                                           const v1::CreateVersionRequest* req, v1::Version* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto list,
                          versions_.Create(caller, req->document_id(), req->change_note()));
    ToProto(list.versions.at(0), list.document, out);
    return absl::OkStatus();
  });
}

::grpc::Status DocumentGrpc::ListVersions(::grpc::ServerContext* ctx,
                                          const v1::ListVersionsRequest* req,
                                          v1::ListVersionsResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto list, versions_.List(caller, req->document_id()));
    for (const auto& v : list.versions) ToProto(v, list.document, out->add_items());
    return absl::OkStatus();
  });
}

::grpc::Status DocumentGrpc::GetVersion(::grpc::ServerContext* ctx,
                                        const v1::GetVersionRequest* req, v1::Version* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto list, versions_.Get(caller, req->document_id(), req->number()));
    ToProto(list.versions.at(0), list.document, out);
    return absl::OkStatus();
  });
}

::grpc::Status DocumentGrpc::PutFile(::grpc::ServerContext* ctx,
                                     ::grpc::ServerReader<v1::PutFileRequest>* reader,
                                     v1::PutFileResponse* out) {
  return files_.PutFile(ctx, reader, out);
}

::grpc::Status DocumentGrpc::GetFile(::grpc::ServerContext* ctx, const v1::GetFileRequest* req,
                                     ::grpc::ServerWriter<v1::GetFileResponse>* writer) {
  return files_.GetFile(ctx, req, writer);
}

}  // namespace iris::documents::rpc
