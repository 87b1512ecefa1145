#include "services/gateway/clients/upstream.hpp"

#include <cstdio>
#include <cstdlib>

#include <spdlog/spdlog.h>

namespace iris::gateway {

Upstream::Upstream(std::string name, std::string address, std::chrono::milliseconds deadline)
    : name_(std::move(name)),
      address_(std::move(address)),
      deadline_(deadline),
      channel_(iris::grpc::MakeChannel(address_)),
      health_(::grpc::health::v1::Health::NewStub(channel_)) {}

absl::Status Upstream::StatusOf(const ::grpc::Status& s) const {
  if (s.ok()) return absl::OkStatus();
  // The service answered, itself UNAVAILABLE with its problem detail: one of its own
  // dependencies is down (grants asking membership). Its words say which; still a 503.
  if (s.error_code() == ::grpc::StatusCode::UNAVAILABLE && !s.error_details().empty()) {
    return iris::status::FromGrpc(s);
  }
  // CANCELLED too: the gateway never cancels a call, so it means the service went away
  // mid-call (a shutdown past its drain timeout), which is the same as not answering.
  if (s.error_code() == ::grpc::StatusCode::UNAVAILABLE ||
      s.error_code() == ::grpc::StatusCode::DEADLINE_EXCEEDED ||
      s.error_code() == ::grpc::StatusCode::CANCELLED) {
    return Unavailable();
  }
  // RESOURCE_EXHAUSTED without our detail comes from gRPC itself (a message or metadata
  // limit, a server out of threads), not from a rate limit: it was a 429 that quoted them.
  if (s.error_code() == ::grpc::StatusCode::RESOURCE_EXHAUSTED && s.error_details().empty()) {
    return Exhausted(s.error_message());
  }
  return iris::status::FromGrpc(s);
}

absl::Status Upstream::Unavailable() const {
  return absl::UnavailableError("the " + name_ + " service did not answer in time; retry shortly");
}

absl::Status Upstream::Exhausted(const std::string& why) const {
  spdlog::warn("{} service: gRPC resource limit: {}", name_, why);
  return absl::UnavailableError("the " + name_ +
                                " service could not take this request now; retry shortly");
}

absl::Status Upstream::Health(std::chrono::milliseconds deadline) {
  ::grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + deadline);
  ::grpc::health::v1::HealthCheckRequest req;
  ::grpc::health::v1::HealthCheckResponse out;
  const auto s = health_->Check(&ctx, req, &out);
  if (!s.ok()) return absl::UnavailableError(name_ + ": " + s.error_message());
  if (out.status() != ::grpc::health::v1::HealthCheckResponse::SERVING) {
    return absl::UnavailableError(name_ + ": not serving");
  }
  return absl::OkStatus();
}

Upstream& Upstreams::Add(std::string name, std::string address,
                         std::chrono::milliseconds deadline) {
  all_.push_back(std::make_unique<Upstream>(std::move(name), std::move(address), deadline));
  return *all_.back();
}

Upstream& Upstreams::Get(const std::string& name) {
  for (auto& u : all_) {
    if (u->name() == name) return *u;
  }
  std::fprintf(stderr, "gateway: no upstream named %s was registered\n", name.c_str());
  std::abort();
}

}  // namespace iris::gateway
