// The rule every service applies when a write names an organisation that must be an active
// member (an event's host and partners, a document's organisations, a campaign's lead): one
// wording, so a client sees the same problem whichever service it writes to.
#pragma once

#include <string>
#include <vector>

#include "libs/members/directory.hpp"
#include "libs/values/text_rules.hpp"

namespace iris::members {

// Adds the problem of naming `org` (as membership answered) in `field` to `problems`: none for
// an active member, "is no member organisation" for one membership does not know or does not
// show the caller, "must be an active member; '<name>' is <status>" for any other.
void CheckActiveMember(const OrganizationFacts& org, std::string field,
                       std::vector<values::InvalidField>& problems);

}  // namespace iris::members
