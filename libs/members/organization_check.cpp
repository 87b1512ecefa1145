#include "libs/members/organization_check.hpp"

#include <utility>

namespace iris::members {

void CheckActiveMember(const OrganizationFacts& org, std::string field,
                       std::vector<values::InvalidField>& problems) {
  if (!org.exists) {
    problems.push_back({std::move(field), "is no member organisation (GET /v1/organizations)"});
  } else if (!org.active) {
    problems.push_back(
        {std::move(field), "must be an active member; '" + org.name + "' is " + org.status});
  }
}

}  // namespace iris::members
