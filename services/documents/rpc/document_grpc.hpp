// Implements iris.documents.v1.Documents: gRPC <-> use cases, no rules. The two streaming file
// methods are FileGrpc's (file_grpc.hpp); this class forwards them, so one service serves all.
#pragma once

#include "iris/documents/v1/documents.grpc.pb.h"
#include "services/documents/app/document_use_cases.hpp"
#include "services/documents/app/version_use_cases.hpp"
#include "services/documents/rpc/file_grpc.hpp"

namespace iris::documents::rpc {

class DocumentGrpc final : public v1::Documents::Service {
 public:
  DocumentGrpc(app::DocumentUseCases& documents, app::VersionUseCases& versions, FileGrpc& files)
      : documents_(documents), versions_(versions), files_(files) {}

  ::grpc::Status CreateDocument(::grpc::ServerContext* ctx, const v1::CreateDocumentRequest* req,
                                v1::Document* out) override;
  ::grpc::Status GetDocument(::grpc::ServerContext* ctx, const v1::GetDocumentRequest* req,
                             v1::Document* out) override;
  ::grpc::Status UpdateDocument(::grpc::ServerContext* ctx, const v1::UpdateDocumentRequest* req,
                                v1::Document* out) override;
  ::grpc::Status ListDocuments(::grpc::ServerContext* ctx, const v1::ListDocumentsRequest* req,
                               v1::ListDocumentsResponse* out) override;
  ::grpc::Status SubmitDocument(::grpc::ServerContext* ctx, const v1::DocumentActionRequest* req,
                                v1::Document* out) override;
  ::grpc::Status PublishDocument(::grpc::ServerContext* ctx, const v1::DocumentActionRequest* req,
                                 v1::Document* out) override;
  ::grpc::Status ArchiveDocument(::grpc::ServerContext* ctx, const v1::DocumentActionRequest* req,
                                 v1::Document* out) override;
  ::grpc::Status CreateVersion(::grpc::ServerContext* ctx, const v1::CreateVersionRequest* req,
                               v1::Version* out) override;
  ::grpc::Status ListVersions(::grpc::ServerContext* ctx, const v1::ListVersionsRequest* req,
                              v1::ListVersionsResponse* out) override;
  ::grpc::Status GetVersion(::grpc::ServerContext* ctx, const v1::GetVersionRequest* req,
                            v1::Version* out) override;
  ::grpc::Status PutFile(::grpc::ServerContext* ctx,
                         ::grpc::ServerReader<v1::PutFileRequest>* reader,
                         v1::PutFileResponse* out) override;
  ::grpc::Status GetFile(::grpc::ServerContext* ctx, const v1::GetFileRequest* req,
                         ::grpc::ServerWriter<v1::GetFileResponse>* writer) override;

 private:
  // The three verbs differ only in the step they take.
  ::grpc::Status Act(::grpc::ServerContext* ctx, const v1::DocumentActionRequest* req,
                     domain::DocumentVerb verb, v1::Document* out);

  app::DocumentUseCases& documents_;
  app::VersionUseCases& versions_;
  FileGrpc& files_;
};

}  // namespace iris::documents::rpc
