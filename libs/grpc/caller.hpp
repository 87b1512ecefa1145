// Who is calling: the identity the gateway authenticated, carried to services as gRPC metadata.
#pragma once

#include <grpcpp/client_context.h>
#include <grpcpp/server_context.h>

#include <string>
#include <vector>

namespace iris::grpc {

// Metadata keys (lower-case: gRPC requires it). Services trust them because only the gateway
// can reach a service (k8s NetworkPolicy; loopback locally).
inline constexpr const char* kSubjectKey = "x-iris-subject";
inline constexpr const char* kRoleKey = "x-iris-role";
inline constexpr const char* kOrganizationKey = "x-iris-organization";
inline constexpr const char* kCountryKey = "x-iris-country";
inline constexpr const char* kScopesKey = "x-iris-scopes";
inline constexpr const char* kRequestIdKey = "x-request-id";

struct Caller {
  std::string subject;          // user id; empty for anonymous callers
  std::string role;             // network_admin, national_coordinator, member, reviewer, partner
  std::string organization_id;  // member (and optionally reviewer)
  std::string country;          // national_coordinator (and optionally reviewer)
  std::vector<std::string> scopes;  // API key scopes; empty for tokens
  std::string request_id;

  bool anonymous() const { return subject.empty(); }
  bool HasRole(std::string_view r) const { return role == r; }
};

Caller CallerOf(const ::grpc::ServerContext& ctx);

// Sets the caller's metadata on an outgoing call.
void AttachCaller(::grpc::ClientContext& ctx, const Caller& caller);

}  // namespace iris::grpc
