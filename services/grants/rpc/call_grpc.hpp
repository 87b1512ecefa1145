// Implements iris.grants.v1.Calls: gRPC <-> use cases, no rules.
#pragma once

#include "iris/grants/v1/calls.grpc.pb.h"
#include "services/grants/app/call_use_cases.hpp"

namespace iris::grants::rpc {

class CallGrpc final : public v1::Calls::Service {
 public:
  explicit CallGrpc(app::CallUseCases& calls) : calls_(calls) {}

  ::grpc::Status CreateCall(::grpc::ServerContext* ctx, const v1::CreateCallRequest* req,
                            v1::GrantCall* out) override;
  ::grpc::Status GetCall(::grpc::ServerContext* ctx, const v1::GetCallRequest* req,
                         v1::GrantCall* out) override;
  ::grpc::Status UpdateCall(::grpc::ServerContext* ctx, const v1::UpdateCallRequest* req,
                            v1::GrantCall* out) override;
  ::grpc::Status ListCalls(::grpc::ServerContext* ctx, const v1::ListCallsRequest* req,
                           v1::ListCallsResponse* out) override;
  ::grpc::Status OpenCall(::grpc::ServerContext* ctx, const v1::CallActionRequest* req,
                          v1::GrantCall* out) override;
  ::grpc::Status CloseCall(::grpc::ServerContext* ctx, const v1::CallActionRequest* req,
                           v1::GrantCall* out) override;
  ::grpc::Status FinalizeCall(::grpc::ServerContext* ctx, const v1::CallActionRequest* req,
                              v1::GrantCall* out) override;
  ::grpc::Status ArchiveCall(::grpc::ServerContext* ctx, const v1::CallActionRequest* req,
                             v1::GrantCall* out) override;

 private:
  // The four verbs differ only in the step they take.
  ::grpc::Status Act(::grpc::ServerContext* ctx, const v1::CallActionRequest* req,
                     domain::CallVerb verb, v1::GrantCall* out);

  app::CallUseCases& calls_;
};

}  // namespace iris::grants::rpc
