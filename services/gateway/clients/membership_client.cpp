#include "services/gateway/clients/membership_client.hpp"

#include "libs/grpc/channel.hpp"

namespace iris::gateway {

MembershipClient::MembershipClient(const std::string& address, std::chrono::milliseconds deadline)
    : deadline_(deadline) {
  auto channel = iris::grpc::MakeChannel(address);
  stub_ = membership::v1::Membership::NewStub(channel);
  accounts_ = membership::v1::Accounts::NewStub(channel);
  organizations_ = membership::v1::Organizations::NewStub(channel);
  social_services_ = membership::v1::SocialServices::NewStub(channel);
  people_ = membership::v1::People::NewStub(channel);
  applications_ = membership::v1::Applications::NewStub(channel);
  health_ = ::grpc::health::v1::Health::NewStub(channel);
}

absl::Status MembershipClient::Health(std::chrono::milliseconds deadline) {
  ::grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + deadline);
  ::grpc::health::v1::HealthCheckRequest req;
  ::grpc::health::v1::HealthCheckResponse out;
  auto s = health_->Check(&ctx, req, &out);
  if (!s.ok()) return absl::UnavailableError("membership: " + s.error_message());
  if (out.status() != ::grpc::health::v1::HealthCheckResponse::SERVING) {
    return absl::UnavailableError("membership: not serving");
  }
  return absl::OkStatus();
}

}  // namespace iris::gateway
