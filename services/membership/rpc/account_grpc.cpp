#include "services/membership/rpc/account_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/pagination/keyset.hpp"
#include "libs/proto_values/proto_values.hpp"
#include "libs/status/status.hpp"
#include "services/membership/rpc/account_mapping.hpp"
#include "services/membership/rpc/reference_mapping.hpp"

namespace iris::membership::rpc {
namespace {

void UserToProto(const domain::User& u, v1::User* out) {
  out->set_id(u.id);
  out->set_email(u.email);
  out->set_name(u.name);
  out->set_role(u.role);
  if (u.organization_id) out->set_organization_id(*u.organization_id);
  if (u.country) out->set_country(*u.country);
  out->set_version(u.version);
  out->set_status(u.disabled ? "disabled" : "active");
  ToProto(u.created_at, out->mutable_created_at());
  ToProto(u.updated_at, out->mutable_updated_at());
}

template <typename Out>
void FillKey(const domain::ApiKey& k, Out* out) {
  out->set_id(k.id);
  out->set_name(k.name);
  out->set_prefix(k.prefix);
  for (const auto& s : k.scopes) out->add_scopes(s);
  out->set_user_id(k.user_id);
  ToProto(k.created_at, out->mutable_created_at());
}

}  // namespace

::grpc::Status AccountGrpc::Authenticate(::grpc::ServerContext* ctx,
                                         const v1::AuthenticateRequest* req, v1::Principal* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto user, accounts_.Authenticate(req->email(), req->password()));
    ToPrincipal(user, out);
    return absl::OkStatus();
  });
}

::grpc::Status AccountGrpc::GetUser(::grpc::ServerContext* ctx, const v1::GetUserRequest* req,
                                    v1::User* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto user, accounts_.GetUser(caller, req->id()));
    UserToProto(user, out);
    return absl::OkStatus();
  });
}

::grpc::Status AccountGrpc::ListUsers(::grpc::ServerContext* ctx, const v1::ListUsersRequest* req,
                                      v1::ListUsersResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    using proto_values::Strings;
    const storage::UserFilter filter{Strings(req->role()), Strings(req->country()),
                                     Strings(req->organization_id())};
    IRIS_ASSIGN_OR_RETURN(
        auto page, accounts_.ListUsers(caller, filter, proto_values::FromProto(req->page())));
    pagination::FillResponse(page, out, [](const auto& u, auto* m) { UserToProto(u, m); });
    return absl::OkStatus();
  });
}

::grpc::Status AccountGrpc::CreateUser(::grpc::ServerContext* ctx, const v1::CreateUserRequest* req,
                                       v1::User* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    domain::NewUser u{req->email(), req->password(), req->name(),
                      req->role(),  std::nullopt,    std::nullopt};
    if (req->has_organization_id()) u.organization_id = req->organization_id();
    if (req->has_country()) u.country = req->country();
    IRIS_ASSIGN_OR_RETURN(auto user, accounts_.CreateUser(caller, u));
    UserToProto(user, out);
    return absl::OkStatus();
  });
}

::grpc::Status AccountGrpc::CreateApiKey(::grpc::ServerContext* ctx,
                                         const v1::CreateApiKeyRequest* req,
                                         v1::CreatedApiKey* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    std::vector<std::string> scopes(req->scopes().begin(), req->scopes().end());
    IRIS_ASSIGN_OR_RETURN(auto created,
                          accounts_.CreateApiKey(caller, req->name(), std::move(scopes)));
    FillKey(created.key, out);
    out->set_key(created.plaintext);
    return absl::OkStatus();
  });
}

::grpc::Status AccountGrpc::ListApiKeys(::grpc::ServerContext* ctx, const v1::ListApiKeysRequest*,
                                        v1::ListApiKeysResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto keys, accounts_.ListApiKeys(caller));
    for (const auto& k : keys) FillKey(k, out->add_items());
    return absl::OkStatus();
  });
}

::grpc::Status AccountGrpc::RevokeApiKey(::grpc::ServerContext* ctx,
                                         const v1::RevokeApiKeyRequest* req,
                                         v1::RevokeApiKeyResponse*) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) {
    return accounts_.RevokeApiKey(caller, req->id());
  });
}

::grpc::Status AccountGrpc::ResolveApiKey(::grpc::ServerContext* ctx,
                                          const v1::ResolveApiKeyRequest* req,
                                          v1::ResolvedApiKey* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto resolved, accounts_.ResolveApiKey(req->key_hash()));
    ToPrincipal(resolved.user, out->mutable_principal());
    for (const auto& s : resolved.scopes) out->add_scopes(s);
    return absl::OkStatus();
  });
}

::grpc::Status AccountGrpc::DisableUser(::grpc::ServerContext* ctx,
                                        const v1::UserActionRequest* req, v1::User* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto user, accounts_.SetDisabled(caller, req->id(), true,
                                                           req->expected_version(), req->note()));
    UserToProto(user, out);
    return absl::OkStatus();
  });
}

::grpc::Status AccountGrpc::EnableUser(::grpc::ServerContext* ctx, const v1::UserActionRequest* req,
                                       v1::User* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto user, accounts_.SetDisabled(caller, req->id(), false,
                                                           req->expected_version(), req->note()));
    UserToProto(user, out);
    return absl::OkStatus();
  });
}

::grpc::Status AccountGrpc::GetAccountState(::grpc::ServerContext* ctx,
                                            const v1::GetUserRequest* req, v1::AccountState* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto state, accounts_.GetAccountState(caller, req->id()));
    out->set_active(!state.disabled);
    out->set_token_version(state.token_version);
    return absl::OkStatus();
  });
}

}  // namespace iris::membership::rpc
