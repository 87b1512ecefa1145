// Who may act on a grant's tranches and reports, as statuses: shared by their use cases.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "libs/identity/caller.hpp"
#include "libs/status/not_found.hpp"
#include "services/grants/domain/award.hpp"

namespace iris::grants::app {

// OK for network admins; otherwise 401 (anonymous), 403 (the caller follows the grant) or 404
// (it does not even see it). `what` ends "only network admins <what>".
absl::Status RequireNetworkAdmin(const identity::Caller& c, const domain::Grant& g,
                                 std::string_view what);
// OK for members of the grantee organisation; otherwise as above.
absl::Status RequireGrantee(const identity::Caller& c, const domain::Grant& g,
                            std::string_view what);
// OK for whoever follows the grant (domain::CanFollow); 401 / 404 otherwise.
absl::Status RequireFollower(const identity::Caller& c, const domain::Grant& g,
                             std::string_view not_found);

// NotFoundAs lives in libs/status (events uses it too).
using status::NotFoundAs;

}  // namespace iris::grants::app
