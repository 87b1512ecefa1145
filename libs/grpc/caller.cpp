#include "libs/grpc/caller.hpp"

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace iris::grpc {
namespace {

std::string Get(const ::grpc::ServerContext& ctx, const char* key) {
  const auto& md = ctx.client_metadata();
  auto it = md.find(key);
  if (it == md.end()) return {};
  return std::string(it->second.data(), it->second.size());
}

}  // namespace

identity::Caller CallerOf(const ::grpc::ServerContext& ctx) {
  identity::Caller c;
  c.subject = Get(ctx, kSubjectKey);
  c.role = Get(ctx, kRoleKey);
  c.organization_id = Get(ctx, kOrganizationKey);
  c.country = Get(ctx, kCountryKey);
  c.request_id = Get(ctx, kRequestIdKey);
  c.dry_run = Get(ctx, kDryRunKey) == "1";
  std::string scopes = Get(ctx, kScopesKey);
  if (!scopes.empty()) c.scopes = absl::StrSplit(scopes, ',', absl::SkipEmpty());
  return c;
}

void AttachCaller(::grpc::ClientContext& ctx, const identity::Caller& c) {
  if (!c.request_id.empty()) ctx.AddMetadata(kRequestIdKey, c.request_id);
  if (c.dry_run) ctx.AddMetadata(kDryRunKey, "1");
  if (c.anonymous()) return;
  ctx.AddMetadata(kSubjectKey, c.subject);
  if (!c.role.empty()) ctx.AddMetadata(kRoleKey, c.role);
  if (!c.organization_id.empty()) ctx.AddMetadata(kOrganizationKey, c.organization_id);
  if (!c.country.empty()) ctx.AddMetadata(kCountryKey, c.country);
  if (!c.scopes.empty()) ctx.AddMetadata(kScopesKey, absl::StrJoin(c.scopes, ","));
}

}  // namespace iris::grpc
