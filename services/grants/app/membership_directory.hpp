// What grants asks membership (over gRPC, rpc/membership_client.hpp): the facts of an
// organisation when one of its applications is submitted, and of a user when it is assigned as
// a reviewer. An interface, so use cases are tested with a fake directory.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "libs/identity/caller.hpp"

namespace iris::grants::app {

// An organisation as membership shows it to the caller. exists is false when membership does
// not know it or does not show it to this caller (NOT_FOUND there).
struct OrganizationFacts {
  bool exists = false;
  std::string name;
  std::string country;
  bool active = false;
  std::string status;  // active | suspended | withdrawn | applicant
};

// A user account as membership shows it to the caller; exists as above.
struct UserFacts {
  bool exists = false;
  std::string role;
  std::string organization_id;
  std::string name;
  bool disabled = false;  // a network admin disabled the account
};

class MembershipDirectory {
 public:
  virtual ~MembershipDirectory() = default;
  // Asked as `caller` (its signed assertion travels along) within the configured deadline.
  // UNAVAILABLE when membership does not answer in time or is down: the request is a 503 and
  // nothing is written.
  virtual absl::StatusOr<OrganizationFacts> Organization(const identity::Caller& caller,
                                                         const std::string& organization_id) = 0;
  virtual absl::StatusOr<UserFacts> User(const identity::Caller& caller,
                                         const std::string& user_id) = 0;
};

}  // namespace iris::grants::app
