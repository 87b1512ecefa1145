// Implements iris.membership.v1.Accounts: gRPC <-> account use cases, no rules.
#pragma once

#include "iris/membership/v1/accounts.grpc.pb.h"
#include "services/membership/app/account_use_cases.hpp"

namespace iris::membership::rpc {

class AccountGrpc final : public v1::Accounts::Service {
 public:
  explicit AccountGrpc(app::AccountUseCases& accounts) : accounts_(accounts) {}

  ::grpc::Status Authenticate(::grpc::ServerContext* ctx, const v1::AuthenticateRequest* req,
                              v1::Principal* out) override;
  ::grpc::Status ListUsers(::grpc::ServerContext* ctx, const v1::ListUsersRequest* req,
                           v1::ListUsersResponse* out) override;
  ::grpc::Status GetUser(::grpc::ServerContext* ctx, const v1::GetUserRequest* req,
                         v1::User* out) override;
  ::grpc::Status CreateUser(::grpc::ServerContext* ctx, const v1::CreateUserRequest* req,
                            v1::User* out) override;
  ::grpc::Status CreateApiKey(::grpc::ServerContext* ctx, const v1::CreateApiKeyRequest* req,
                              v1::CreatedApiKey* out) override;
  ::grpc::Status ListApiKeys(::grpc::ServerContext* ctx, const v1::ListApiKeysRequest* req,
                             v1::ListApiKeysResponse* out) override;
  ::grpc::Status RevokeApiKey(::grpc::ServerContext* ctx, const v1::RevokeApiKeyRequest* req,
                              v1::RevokeApiKeyResponse* out) override;
  ::grpc::Status ResolveApiKey(::grpc::ServerContext* ctx, const v1::ResolveApiKeyRequest* req,
                               v1::ResolvedApiKey* out) override;
  ::grpc::Status DisableUser(::grpc::ServerContext* ctx, const v1::UserActionRequest* req,
                             v1::User* out) override;
  ::grpc::Status EnableUser(::grpc::ServerContext* ctx, const v1::UserActionRequest* req,
                            v1::User* out) override;
  ::grpc::Status GetAccountState(::grpc::ServerContext* ctx, const v1::GetUserRequest* req,
                                 v1::AccountState* out) override;

 private:
  app::AccountUseCases& accounts_;
};

}  // namespace iris::membership::rpc
