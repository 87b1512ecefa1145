// The two streaming RPCs of iris.documents.v1.Documents, PutFile and GetFile: gRPC messages
// <-> the file use cases, no rules. DocumentGrpc (the Service) forwards them here.
#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/sync_stream.h>

#include "iris/documents/v1/documents.grpc.pb.h"
#include "services/documents/app/file_use_cases.hpp"

namespace iris::documents::rpc {

class FileGrpc {
 public:
  explicit FileGrpc(app::FileUseCases& files) : files_(files) {}

  ::grpc::Status PutFile(::grpc::ServerContext* ctx,
                         ::grpc::ServerReader<v1::PutFileRequest>* reader,
                         v1::PutFileResponse* out);
  ::grpc::Status GetFile(::grpc::ServerContext* ctx, const v1::GetFileRequest* req,
                         ::grpc::ServerWriter<v1::GetFileResponse>* writer);

 private:
  app::FileUseCases& files_;
};

}  // namespace iris::documents::rpc
