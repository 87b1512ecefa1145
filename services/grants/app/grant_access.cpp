#include "services/grants/app/grant_access.hpp"

#include "absl/strings/ascii.h"
#include "libs/status/status.hpp"
#include "libs/values/text_rules.hpp"
#include "services/grants/domain/report.hpp"

namespace iris::grants::app {

absl::Status RequireFollower(const identity::Caller& c, const domain::Grant& g,
                             std::string_view not_found) {
  if (c.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  if (!domain::CanFollow(c, g)) return absl::NotFoundError(std::string(not_found));
  return absl::OkStatus();
}

absl::Status RequireNetworkAdmin(const identity::Caller& c, const domain::Grant& g,
                                 std::string_view what) {
  IRIS_RETURN_IF_ERROR(RequireFollower(c, g, "grant not found"));
  if (!c.IsNetworkAdmin()) {
    return absl::PermissionDeniedError("only network admins " + std::string(what));
  }
  return absl::OkStatus();
}

absl::Status RequireGrantee(const identity::Caller& c, const domain::Grant& g,
                            std::string_view what) {
  IRIS_RETURN_IF_ERROR(RequireFollower(c, g, "grant not found"));
  if (!domain::IsGrantee(c, g)) {
    return absl::PermissionDeniedError("only members of the grantee organisation " +
                                       std::string(what));
  }
  return absl::OkStatus();
}

}  // namespace iris::grants::app
