// Rules for membership applications: what a submission must hold and who decides.
#include "services/membership/domain/application.hpp"

#include <gtest/gtest.h>

#include <set>

namespace iris::membership::domain {
namespace {

const ReferenceCodes kRefs{{"RS", "BA"}, {"roma"}};

std::set<std::string> Fields(const std::vector<InvalidField>& problems) {
  std::set<std::string> out;
  for (const auto& p : problems) out.insert(p.field);
  return out;
}

ApplicationSubmission Valid() {
  ApplicationSubmission s;
  s.organization_sent = true;
  s.organization.name = "Udruženje Sunce";
  s.organization.country = "rs";
  s.contact_name = "Ana";
  s.contact_email = "ana@example.org";
  s.motivation = "We run a day care centre.";
  return s;
}

TEST(ApplicationTest, ValidSubmissionDraftsAMemberCsoApplication) {
  MembershipApplication a;
  EXPECT_TRUE(Draft(Valid(), kRefs, &a).empty());
  EXPECT_EQ(a.organization.country, "RS");
  EXPECT_EQ(a.organization.kind, OrganizationKind::kMemberCso);
  EXPECT_EQ(a.contact_email, "ana@example.org");
  EXPECT_EQ(a.status, ApplicationStatus::kSubmitted);
}

TEST(ApplicationTest, ProblemsAreNamedByTheirPathInTheBody) {
  ApplicationSubmission s;
  s.organization_sent = true;
  s.organization.country = "FR";
  s.organization.kind = OrganizationKind::kMedia;
  s.contact_email = "nope";
  s.read_only_sent = {"status", "organization_id"};
  MembershipApplication a;
  EXPECT_EQ(Fields(Draft(s, kRefs, &a)),
            (std::set<std::string>{"organization.name", "organization.country", "organization.kind",
                                   "contact.name", "contact.email", "status", "organization_id"}));
}

TEST(ApplicationTest, ContactEmailIsAtMost254Characters) {
  // Cyrillic before the @: 254 characters are 496 bytes, so a byte count would refuse it.
  std::string local;
  for (int i = 0; i < 254 - 12; ++i) local += "ђ";
  ApplicationSubmission s = Valid();
  s.contact_email = local + "@example.org";
  MembershipApplication a;
  EXPECT_TRUE(Draft(s, kRefs, &a).empty());
  s.contact_email = local + "ђ@example.org";
  EXPECT_EQ(Fields(Draft(s, kRefs, &a)), (std::set<std::string>{"contact.email"}));
}

TEST(ApplicationTest, OrganisationListLimitsAreNamedUnderOrganization) {
  ApplicationSubmission s = Valid();
  s.organization.target_groups = std::vector<std::string>(kMaxTargetGroups + 1, "roma");
  MembershipApplication a;
  EXPECT_EQ(Fields(Draft(s, kRefs, &a)), (std::set<std::string>{"organization.target_groups"}));
}

TEST(ApplicationTest, OrganizationIsRequired) {
  ApplicationSubmission s = Valid();
  s.organization_sent = false;
  MembershipApplication a;
  EXPECT_EQ(Fields(Draft(s, kRefs, &a)), (std::set<std::string>{"organization"}));
}

TEST(ApplicationTest, NetworkAdminsAndTheCountrysCoordinatorDecide) {
  MembershipApplication a;
  a.organization.country = "BA";
  EXPECT_TRUE(CanDecide({"u", "network_admin", "", ""}, a));
  EXPECT_TRUE(CanDecide({"u", "national_coordinator", "", "BA"}, a));
  EXPECT_FALSE(CanDecide({"u", "national_coordinator", "", "RS"}, a));
  EXPECT_FALSE(CanDecide({"u", "member", "org", "BA"}, a));
  EXPECT_FALSE(CanDecide({}, a));
}

TEST(ApplicationTest, StatusWordsRoundTrip) {
  for (auto s : {ApplicationStatus::kSubmitted, ApplicationStatus::kApproved,
                 ApplicationStatus::kRejected}) {
    EXPECT_EQ(ParseApplicationStatus(ApplicationStatusWord(s)), s);
  }
  EXPECT_FALSE(ParseApplicationStatus("pending").has_value());
}

}  // namespace
}  // namespace iris::membership::domain
