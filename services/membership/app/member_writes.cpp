#include "services/membership/app/member_writes.hpp"

#include <string>

#include "libs/status/status.hpp"

namespace iris::membership::app {

absl::Status CheckMemberMayWrite(const identity::Caller& caller, const domain::Organization& org) {
  if (!caller.IsMember() || caller.organization_id != org.id) return absl::OkStatus();
  std::string until;
  switch (org.status) {
    case domain::OrganizationStatus::kSuspended: until = " until it is reinstated"; break;
    case domain::OrganizationStatus::kWithdrawn: until = ""; break;
    case domain::OrganizationStatus::kApplicant:
    case domain::OrganizationStatus::kActive: return absl::OkStatus();
  }
  return status::WithDetail(
      absl::PermissionDeniedError("the organization is " +
                                  std::string(domain::StatusWord(org.status)) +
                                  ": its members may read its data but not change it" + until +
                                  "; ask the national coordinator"),
      kOrganizationReadOnly);
}

}  // namespace iris::membership::app
