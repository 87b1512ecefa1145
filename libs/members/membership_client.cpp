#include "libs/members/membership_client.hpp"

#include <grpcpp/client_context.h>

#include "libs/grpc/channel.hpp"
#include "libs/grpc/dependency_failure.hpp"
#include "libs/log/log.hpp"
#include "libs/status/status.hpp"

namespace iris::members {
namespace {

namespace v1 = iris::membership::v1;

std::string_view StatusWord(v1::OrganizationStatus s) {
  switch (s) {
    case v1::ORGANIZATION_STATUS_APPLICANT: return "applicant";
    case v1::ORGANIZATION_STATUS_ACTIVE: return "active";
    case v1::ORGANIZATION_STATUS_SUSPENDED: return "suspended";
    case v1::ORGANIZATION_STATUS_WITHDRAWN: return "withdrawn";
    default: return "unknown";
  }
}

}  // namespace

absl::Status MembershipFailure(const ::grpc::Status& s, std::string_view what) {
  return iris::grpc::DependencyFailure("membership", s, what);
}

MembershipClient::MembershipClient(const std::string& address, std::chrono::milliseconds deadline)
    : MembershipClient(iris::grpc::MakeChannel(address), deadline) {}

MembershipClient::MembershipClient(std::shared_ptr<::grpc::Channel> channel,
                                   std::chrono::milliseconds deadline)
    : deadline_(deadline),
      organizations_(v1::Organizations::NewStub(channel)),
      accounts_(v1::Accounts::NewStub(channel)) {}

absl::StatusOr<OrganizationFacts> MembershipClient::Organization(
    const identity::Caller& caller, const std::string& organization_id) {
  ::grpc::ClientContext ctx;
  iris::grpc::PrepareContext(ctx, caller, deadline_);
  v1::GetOrganizationRequest req;
  req.set_id(organization_id);
  v1::Organization org;
  const ::grpc::Status s = organizations_->GetOrganization(&ctx, req, &org);
  if (s.error_code() == ::grpc::StatusCode::NOT_FOUND) return OrganizationFacts{};
  if (!s.ok()) return MembershipFailure(s, "organization " + organization_id);
  return OrganizationFacts{.exists = true,
                           .name = org.name(),
                           .country = org.country(),
                           .active = org.status() == v1::ORGANIZATION_STATUS_ACTIVE,
                           .status = std::string(StatusWord(org.status()))};
}

absl::StatusOr<UserFacts> MembershipClient::User(const identity::Caller& caller,
                                                 const std::string& user_id) {
  ::grpc::ClientContext ctx;
  iris::grpc::PrepareContext(ctx, caller, deadline_);
  v1::GetUserRequest req;
  req.set_id(user_id);
  v1::User user;
  const ::grpc::Status s = accounts_->GetUser(&ctx, req, &user);
  if (s.error_code() == ::grpc::StatusCode::NOT_FOUND) return UserFacts{};
  if (!s.ok()) return MembershipFailure(s, "user " + user_id);
  return UserFacts{.exists = true,
                   .role = user.role(),
                   .organization_id = user.organization_id(),
                   .name = user.name(),
                   .disabled = user.status() == "disabled"};
}

}  // namespace iris::members
