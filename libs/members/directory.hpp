// What a service asks membership (over gRPC, membership_client.hpp): the facts of an
// organisation (an applicant, an event host, a placement) and of a user (a reviewer). An
// interface, so use cases are tested with a fake directory. Grants and events ask it.
#pragma once

#include <chrono>
#include <string>

#include "absl/status/statusor.h"
#include "libs/identity/caller.hpp"
#include "libs/status/status.hpp"

namespace iris::members {

// After asking membership and before writing: UNAVAILABLE (503, nothing written) when the
// caller's deadline is less than a write's time away, so that the gateway, which answers 503
// once its deadline passes, never tells a client "not done" about a change that then commits.
inline absl::Status CheckTimeLeftToWrite(const identity::Caller& caller) {
  if (!caller.ExpiresWithin(std::chrono::milliseconds(200))) return absl::OkStatus();
  return status::WithDetail(absl::UnavailableError("membership answered too late to go on; nothing "
                                                   "was changed, retry later"),
                            "unavailable");
}

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

}  // namespace iris::members
