// The gateway's client of iris.membership.v1.Membership.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "iris/membership/v1/accounts.grpc.pb.h"
#include "iris/membership/v1/membership.grpc.pb.h"
#include "iris/membership/v1/organizations.grpc.pb.h"
#include "iris/membership/v1/social_services.grpc.pb.h"
#include "iris/membership/v1/applications.grpc.pb.h"
#include "iris/membership/v1/people.grpc.pb.h"
#include "services/gateway/routes/route.hpp"

namespace iris::gateway {

class MembershipClient {
 public:
  MembershipClient(const std::string& address, std::chrono::milliseconds deadline);

  membership::v1::Membership::Stub& stub() { return *stub_; }
  membership::v1::Accounts::Stub& accounts() { return *accounts_; }
  membership::v1::Organizations::Stub& organizations() { return *organizations_; }
  membership::v1::SocialServices::Stub& social_services() { return *social_services_; }
  membership::v1::People::Stub& people() { return *people_; }
  membership::v1::Applications::Stub& applications() { return *applications_; }
  std::chrono::milliseconds deadline() const { return deadline_; }

  // grpc.health.v1 says SERVING within a short deadline.
  absl::Status Health(std::chrono::milliseconds deadline);

 private:
  std::unique_ptr<membership::v1::Membership::Stub> stub_;
  std::unique_ptr<membership::v1::Accounts::Stub> accounts_;
  std::unique_ptr<membership::v1::Organizations::Stub> organizations_;
  std::unique_ptr<membership::v1::SocialServices::Stub> social_services_;
  std::unique_ptr<membership::v1::People::Stub> people_;
  std::unique_ptr<membership::v1::Applications::Stub> applications_;
  std::unique_ptr<::grpc::health::v1::Health::Stub> health_;
  std::chrono::milliseconds deadline_;
};

}  // namespace iris::gateway
