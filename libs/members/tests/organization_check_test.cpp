#include "libs/members/organization_check.hpp"

#include <gtest/gtest.h>

namespace iris::members {
namespace {

TEST(CheckActiveMemberTest, AnActiveMemberHasNoProblem) {
  std::vector<values::InvalidField> problems;
  CheckActiveMember(
      {.exists = true, .name = "IDC", .country = "RS", .active = true, .status = "active"}, "host",
      problems);
  EXPECT_TRUE(problems.empty());
}

TEST(CheckActiveMemberTest, AnUnknownOrganisationIsNoMember) {
  std::vector<values::InvalidField> problems;
  CheckActiveMember({}, "partner_organization_ids[1]", problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "partner_organization_ids[1]");
  EXPECT_EQ(problems[0].message, "is no member organisation (GET /v1/organizations)");
}

TEST(CheckActiveMemberTest, AnotherStatusIsNamedWithTheOrganisation) {
  std::vector<values::InvalidField> problems = {{"earlier", "kept"}};
  CheckActiveMember(
      {.exists = true, .name = "IDC", .country = "RS", .active = false, .status = "suspended"},
      "lead_organization_id", problems);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[1].field, "lead_organization_id");
  EXPECT_EQ(problems[1].message, "must be an active member; 'IDC' is suspended");
}

}  // namespace
}  // namespace iris::members
