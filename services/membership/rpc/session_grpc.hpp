// Implements iris.membership.v1.Sessions: gRPC <-> session use cases, no rules.
#pragma once

#include "iris/membership/v1/sessions.grpc.pb.h"
#include "services/membership/app/session_use_cases.hpp"

namespace iris::membership::rpc {

class SessionGrpc final : public v1::Sessions::Service {
 public:
  explicit SessionGrpc(app::SessionUseCases& sessions) : sessions_(sessions) {}

  ::grpc::Status StartSession(::grpc::ServerContext* ctx, const v1::AuthenticateRequest* req,
                              v1::Session* out) override;
  ::grpc::Status Refresh(::grpc::ServerContext* ctx, const v1::RefreshRequest* req,
                         v1::Session* out) override;
  ::grpc::Status EndSession(::grpc::ServerContext* ctx, const v1::RefreshRequest* req,
                            google::protobuf::Empty* out) override;
  ::grpc::Status ChangePassword(::grpc::ServerContext* ctx, const v1::ChangePasswordRequest* req,
                                v1::Session* out) override;

 private:
  app::SessionUseCases& sessions_;
};

}  // namespace iris::membership::rpc
