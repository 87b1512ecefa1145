#include "services/membership/rpc/session_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/status/status.hpp"
#include "services/membership/rpc/account_mapping.hpp"
#include "services/membership/rpc/reference_mapping.hpp"

namespace iris::membership::rpc {
namespace {

void SessionToProto(const app::SessionGrant& grant, v1::Session* out) {
  ToPrincipal(grant.user, out->mutable_principal());
  out->set_refresh_token(grant.refresh_token);
  ToProto(grant.refresh_expires_at, out->mutable_refresh_expires_at());
}

}  // namespace

// Both run before anyone is signed in: no caller identity is read.
::grpc::Status SessionGrpc::StartSession(::grpc::ServerContext* ctx,
                                         const v1::AuthenticateRequest* req, v1::Session* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto grant, sessions_.Start(req->email(), req->password()));
    SessionToProto(grant, out);
    return absl::OkStatus();
  });
}

::grpc::Status SessionGrpc::Refresh(::grpc::ServerContext* ctx, const v1::RefreshRequest* req,
                                    v1::Session* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto grant, sessions_.Refresh(req->refresh_token()));
    SessionToProto(grant, out);
    return absl::OkStatus();
  });
}

::grpc::Status SessionGrpc::EndSession(::grpc::ServerContext* ctx, const v1::RefreshRequest* req,
                                       google::protobuf::Empty*) {
  return iris::grpc::Answer(*ctx,
                            [&]() -> absl::Status { return sessions_.End(req->refresh_token()); });
}

::grpc::Status SessionGrpc::ChangePassword(::grpc::ServerContext* ctx,
                                           const v1::ChangePasswordRequest* req, v1::Session* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto grant, sessions_.ChangePassword(caller, req->current_password(), req->new_password()));
    SessionToProto(grant, out);
    return absl::OkStatus();
  });
}

}  // namespace iris::membership::rpc
