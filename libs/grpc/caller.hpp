// The caller (libs/identity) as gRPC metadata: the gateway attaches it to every call and
// services read it back. Only the conversion lives here; handlers get the Caller from Answer.
#pragma once

#include <grpcpp/client_context.h>
#include <grpcpp/server_context.h>

#include "libs/identity/caller.hpp"

namespace iris::grpc {

// Metadata keys (lower-case: gRPC requires it). Services trust them because only the gateway
// can reach a service (k8s NetworkPolicy; loopback locally).
inline constexpr const char* kSubjectKey = "x-iris-subject";
inline constexpr const char* kRoleKey = "x-iris-role";
inline constexpr const char* kOrganizationKey = "x-iris-organization";
inline constexpr const char* kCountryKey = "x-iris-country";
inline constexpr const char* kScopesKey = "x-iris-scopes";
inline constexpr const char* kRequestIdKey = "x-request-id";
inline constexpr const char* kDryRunKey = "x-iris-dry-run";  // "1": Caller::dry_run

// The caller of an incoming call. Answer calls it once per RPC and hands the result on.
identity::Caller CallerOf(const ::grpc::ServerContext& ctx);

// Sets the caller's metadata on an outgoing call.
void AttachCaller(::grpc::ClientContext& ctx, const identity::Caller& caller);

}  // namespace iris::grpc
