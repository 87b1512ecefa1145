#include "libs/identity/caller.hpp"

namespace iris::identity {

bool IsRole(std::string_view role) {
  return role == kNetworkAdmin || role == kNationalCoordinator || role == kMember ||
         role == kReviewer || role == kPartner;
}

bool Caller::IsNetworkAdmin() const { return role == kNetworkAdmin; }

bool Caller::IsCoordinator() const { return role == kNationalCoordinator && !country.empty(); }

bool Caller::IsMember() const { return role == kMember && !organization_id.empty(); }

bool Caller::ExpiresWithin(std::chrono::milliseconds margin) const {
  if (deadline == std::chrono::system_clock::time_point{}) return false;
  return std::chrono::system_clock::now() + margin >= deadline;
}

}  // namespace iris::identity
