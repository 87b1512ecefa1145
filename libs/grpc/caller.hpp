// The caller (libs/identity) as gRPC metadata: the gateway attaches it to every call and
// services read it back. Only the conversion lives here; handlers get the Caller from Answer.
#pragma once

#include <grpcpp/client_context.h>
#include <grpcpp/server_context.h>

#include "libs/identity/caller.hpp"

namespace iris::grpc {

// Metadata keys (lower-case: gRPC requires it). The identity travels only as the gateway's
// signed assertion (caller_assertion.hpp): a service believes nothing else about who calls.
inline constexpr const char* kCallerKey = "x-iris-caller";
inline constexpr const char* kRequestIdKey = "x-request-id";
inline constexpr const char* kDryRunKey = "x-iris-dry-run";  // "1": Caller::dry_run

// The caller of an incoming call: the identity of a valid assertion under the installed
// verifier, else anonymous; request id and dry run as sent. Answer calls it once per RPC.
identity::Caller CallerOf(const ::grpc::ServerContext& ctx);

// Sets the caller's metadata on an outgoing call: the assertion it arrived with, or one the
// installed signer makes; none for anonymous callers or without a signer.
void AttachCaller(::grpc::ClientContext& ctx, const identity::Caller& caller);

}  // namespace iris::grpc
