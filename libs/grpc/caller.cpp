#include "libs/grpc/caller.hpp"

#include "libs/grpc/caller_assertion.hpp"

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
  if (auto* verifier = InstalledVerifier()) {
    if (auto verified = verifier->Verify(Get(ctx, kCallerKey))) c = *std::move(verified);
  }
  c.request_id = Get(ctx, kRequestIdKey);
  c.dry_run = Get(ctx, kDryRunKey) == "1";
  // gRPC reports "no deadline" as the largest time point.
  if (ctx.deadline() != std::chrono::system_clock::time_point::max()) c.deadline = ctx.deadline();
  return c;
}

void AttachCaller(::grpc::ClientContext& ctx, const identity::Caller& c) {
  if (!c.request_id.empty()) ctx.AddMetadata(kRequestIdKey, c.request_id);
  if (c.dry_run) ctx.AddMetadata(kDryRunKey, "1");
  if (c.anonymous()) return;
  if (!c.assertion.empty()) {
    ctx.AddMetadata(kCallerKey, c.assertion);  // a service forwarding its own caller
  } else if (auto* signer = InstalledSigner()) {
    ctx.AddMetadata(kCallerKey, signer->Sign(c));
  }
}

}  // namespace iris::grpc
