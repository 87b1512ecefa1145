// Organisation rules: lifecycle, validation, visibility and who may change what.
#include "services/membership/domain/organization.hpp"

#include <gtest/gtest.h>

namespace iris::membership::domain {
namespace {

using S = OrganizationStatus;

ReferenceCodes KnownCodes() {
  return {{"AL", "BA", "HR", "XK", "ME", "MK", "RS"}, {"roma", "older_people"}, {"en", "sr-Latn"}};
}

std::vector<std::string> FieldsOf(const std::vector<InvalidField>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.field);
  return out;
}

OrganizationPatch ValidPatch() {
  OrganizationPatch p;
  p.name = "Udruženje Čačak";
  p.country = "rs";
  p.kind = OrganizationKind::kMemberCso;
  p.email = "office@example.org";
  p.website = "https://example.org";
  p.target_groups = std::vector<std::string>{"roma", "roma", "older_people"};
  return p;
}

TEST(OrganizationLifecycleTest, AllowsOnlyTheDocumentedTransitions) {
  EXPECT_EQ(Transition(S::kApplicant, Verb::kApprove), S::kActive);
  EXPECT_EQ(Transition(S::kActive, Verb::kSuspend), S::kSuspended);
  EXPECT_EQ(Transition(S::kSuspended, Verb::kReinstate), S::kActive);
  EXPECT_EQ(Transition(S::kActive, Verb::kWithdraw), S::kWithdrawn);
  EXPECT_EQ(Transition(S::kSuspended, Verb::kWithdraw), S::kWithdrawn);

  EXPECT_FALSE(Transition(S::kActive, Verb::kApprove));
  EXPECT_FALSE(Transition(S::kActive, Verb::kReinstate));
  EXPECT_FALSE(Transition(S::kSuspended, Verb::kSuspend));
  EXPECT_FALSE(Transition(S::kApplicant, Verb::kSuspend));
  EXPECT_FALSE(Transition(S::kApplicant, Verb::kWithdraw));
  for (Verb v : {Verb::kApprove, Verb::kSuspend, Verb::kReinstate, Verb::kWithdraw}) {
    EXPECT_FALSE(Transition(S::kWithdrawn, v)) << "withdrawn is final: " << VerbWord(v);
  }
  EXPECT_TRUE(NoteRequired(Verb::kSuspend));
  EXPECT_TRUE(NoteRequired(Verb::kWithdraw));
  EXPECT_FALSE(NoteRequired(Verb::kReinstate));
}

TEST(OrganizationValidationTest, ValidInputIsNormalisedAndChangesAreNamed) {
  Organization org;
  std::vector<std::string> changed;
  EXPECT_TRUE(Apply(ValidPatch(), KnownCodes(), &org, &changed).empty());
  EXPECT_EQ(org.country, "RS");
  EXPECT_EQ(org.target_groups, (std::vector<std::string>{"roma", "older_people"}));
  EXPECT_EQ(changed,
            (std::vector<std::string>{"name", "country", "target_groups", "email", "website"}));
}

TEST(OrganizationValidationTest, ReportsEveryBadFieldAtOnce) {
  OrganizationPatch p;
  p.name = "   ";
  p.country = "DE";
  p.kind_sent = true;
  p.acronym = std::string(33, 'A');
  p.email = "not-an-email";
  p.website = "ftp://example.org";
  p.target_groups = std::vector<std::string>{"aliens"};
  p.read_only_sent = {"status", "version"};
  p.unknown_sent = {"colour"};
  Organization org;
  std::vector<std::string> changed;
  auto fields = FieldsOf(Apply(p, KnownCodes(), &org, &changed));
  for (const char* f : {"status", "version", "colour", "name", "acronym", "country", "kind",
                        "target_groups[0]", "email", "website"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
  }
}

TEST(OrganizationValidationTest, TheDirectoryProfileHasItsOwnRules) {
  OrganizationPatch p = ValidPatch();
  p.description = LocalizedText{{"en", " Day care "}, {"sr-Latn", "Dnevni boravak"}};
  p.address = "Obrenovićeva 1, Niš";
  p.phone = "+381 18 123 456";
  p.logo_url = "https://example.org/logo.png";
  Organization org;
  std::vector<std::string> changed;
  EXPECT_TRUE(Apply(p, KnownCodes(), &org, &changed).empty());
  EXPECT_EQ(org.description.at("en"), "Day care");

  p.description = LocalizedText{{"xx", "?"}, {"en", " "}};
  p.phone = "call us";
  p.logo_url = "http://example.org/logo.png";
  p.address = std::string(301, 'a');
  EXPECT_EQ(FieldsOf(Apply(p, KnownCodes(), &org, &changed)),
            (std::vector<std::string>{"description.en", "description.xx", "address", "phone",
                                      "logo_url"}));
}

TEST(OrganizationValidationTest, LengthsCountCharactersNotBytes) {
  OrganizationPatch p = ValidPatch();
  p.acronym = std::string();
  for (int i = 0; i < 32; ++i) *p.acronym += "Č";  // 64 bytes, 32 characters
  Organization org;
  std::vector<std::string> changed;
  EXPECT_TRUE(Apply(p, KnownCodes(), &org, &changed).empty());
}

TEST(OrganizationValidationTest, TargetGroupsListAtMostTwentyCodesAsSent) {
  OrganizationPatch p = ValidPatch();
  p.target_groups = std::vector<std::string>(kMaxTargetGroups, "roma");
  Organization org;
  std::vector<std::string> changed;
  EXPECT_TRUE(Apply(p, KnownCodes(), &org, &changed).empty());
  EXPECT_EQ(org.target_groups, std::vector<std::string>{"roma"});

  p.target_groups->push_back("roma");
  EXPECT_EQ(FieldsOf(Apply(p, KnownCodes(), &org, &changed)),
            std::vector<std::string>{"target_groups"});
}

// Regression: 5,000 unknown codes were 5,000 field errors in one 422.
TEST(OrganizationValidationTest, AHugeListOfUnknownTargetGroupsIsOneProblem) {
  OrganizationPatch p = ValidPatch();
  p.target_groups = std::vector<std::string>(5000, "aliens");
  Organization org;
  std::vector<std::string> changed;
  EXPECT_EQ(FieldsOf(Apply(p, KnownCodes(), &org, &changed)),
            std::vector<std::string>{"target_groups"});
}

TEST(OrganizationValidationTest, SendingAnEmptyOptionalFieldClearsIt) {
  Organization org;
  std::vector<std::string> changed;
  ASSERT_TRUE(Apply(ValidPatch(), KnownCodes(), &org, &changed).empty());
  OrganizationPatch clear;
  clear.email = "";
  changed.clear();
  EXPECT_TRUE(Apply(clear, KnownCodes(), &org, &changed).empty());
  EXPECT_EQ(org.email, "");
  EXPECT_EQ(changed, std::vector<std::string>{"email"});
}

Organization OrgIn(std::string country, S status, std::string id = "org-1") {
  Organization o;
  o.id = std::move(id);
  o.country = std::move(country);
  o.status = status;
  return o;
}

TEST(OrganizationAccessTest, AnonymousAndPartnersSeeOnlyActiveOrganisations) {
  const identity::Caller anonymous;
  const identity::Caller partner{"u1", "partner", "", ""};
  for (const auto& p : {anonymous, partner}) {
    EXPECT_TRUE(CanSee(p, OrgIn("RS", S::kActive)));
    EXPECT_FALSE(CanSee(p, OrgIn("RS", S::kSuspended)));
    EXPECT_FALSE(CanSee(p, OrgIn("RS", S::kApplicant)));
    EXPECT_FALSE(CanEdit(p, OrgIn("RS", S::kActive)));
  }
}

TEST(OrganizationAccessTest, CoordinatorsManageTheirCountryOnly) {
  const identity::Caller rs{"u2", "national_coordinator", "", "RS"};
  EXPECT_TRUE(CanManage(rs, OrgIn("RS", S::kSuspended)));
  EXPECT_TRUE(CanSee(rs, OrgIn("RS", S::kWithdrawn)));
  EXPECT_FALSE(CanManage(rs, OrgIn("BA", S::kActive)));
  EXPECT_FALSE(CanSee(rs, OrgIn("BA", S::kSuspended)));
  EXPECT_TRUE(CanCreateIn(rs, "RS"));
  EXPECT_FALSE(CanCreateIn(rs, "BA"));
  const identity::Caller admin{"u3", "network_admin", "", ""};
  EXPECT_TRUE(CanCreateIn(admin, "BA"));
  EXPECT_TRUE(CanSee(admin, OrgIn("BA", S::kApplicant)));
}

TEST(OrganizationAccessTest, MembersEditTheirOwnOrganisationButNotItsCountryOrKind) {
  const identity::Caller member{"u4", "member", "org-a", ""};
  EXPECT_TRUE(CanEdit(member, OrgIn("RS", S::kSuspended, "org-a")));
  EXPECT_TRUE(CanSee(member, OrgIn("RS", S::kSuspended, "org-a")));
  EXPECT_FALSE(CanManage(member, OrgIn("RS", S::kActive, "org-a")));
  EXPECT_FALSE(CanEdit(member, OrgIn("RS", S::kActive, "org-b")));
  EXPECT_FALSE(MemberMayChange("country"));
  EXPECT_FALSE(MemberMayChange("kind"));
  EXPECT_TRUE(MemberMayChange("website"));
}

TEST(OrganizationSearchTest, WordsAreDistinctAndLongestFirst) {
  EXPECT_EQ(SearchWords("  ab  Udruženje\tab čačak "),
            (std::vector<std::string>{"Udruženje", "čačak", "ab"}));
  EXPECT_TRUE(SearchWords("   ").empty());
  EXPECT_EQ(SearchWords("a b c d e f g h i j").size(), kMaxSearchWords);
}

}  // namespace
}  // namespace iris::membership::domain
