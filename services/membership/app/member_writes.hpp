// Whether a member may change its own organisation's data in the organisation's current status.
#pragma once

#include "absl/status/status.h"
#include "libs/identity/caller.hpp"
#include "services/membership/domain/organization.hpp"

namespace iris::membership::app {

// The problem type of a member's write refused by CheckMemberMayWrite (403).
inline constexpr const char* kOrganizationReadOnly = "organization_read_only";

// While an organisation is suspended or withdrawn, its own members (role member) may read its
// data but not change it: its profile, its social services and its people (creating and
// editing; erasing a person stays possible, since a person's right to erasure does not wait for
// a reinstatement and removing data cannot polish a suspended profile). Staff are not affected:
// network admins and the country's coordinator run the suspension and may correct the data.
// API keys belong to the user, not the organisation, and are not affected either: whatever a key
// does passes through these same rules.
//
// PERMISSION_DENIED with problem type kOrganizationReadOnly, naming the status; OK otherwise.
// `org` must be read in the write's own transaction with a row lock (FindForUpdate or
// FindForShare): a suspension committed meanwhile is then waited for and seen, so Postgres, not
// timing, decides which came first.
absl::Status CheckMemberMayWrite(const identity::Caller& caller, const domain::Organization& org);

}  // namespace iris::membership::app
