// MembershipDirectory over membership's gRPC API (Organizations.GetOrganization,
// Accounts.GetUser), asked as the original caller with a deadline.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <grpcpp/channel.h>

#include "iris/membership/v1/accounts.grpc.pb.h"
#include "iris/membership/v1/organizations.grpc.pb.h"
#include "libs/members/directory.hpp"

namespace iris::members {

class MembershipClient final : public MembershipDirectory {
 public:
  MembershipClient(const std::string& address, std::chrono::milliseconds deadline);
  // Over a channel of the caller's (tests: a fake membership server).
  MembershipClient(std::shared_ptr<::grpc::Channel> channel, std::chrono::milliseconds deadline);

  absl::StatusOr<OrganizationFacts> Organization(const identity::Caller& caller,
                                                 const std::string& organization_id) override;
  absl::StatusOr<UserFacts> User(const identity::Caller& caller,
                                 const std::string& user_id) override;

 private:
  std::chrono::milliseconds deadline_;
  std::unique_ptr<membership::v1::Organizations::Stub> organizations_;
  std::unique_ptr<membership::v1::Accounts::Stub> accounts_;
};

// What a membership answer means here: OK and NOT_FOUND are answers; not answering in time,
// being down or overloaded is UNAVAILABLE (503, retry); anything else is our bug (INTERNAL).
absl::Status MembershipFailure(const ::grpc::Status& s, std::string_view what);

}  // namespace iris::members
