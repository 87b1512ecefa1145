// Social service rules: required fields, licensing, reference codes, mass assignment.
#include "services/membership/domain/social_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace iris::membership::domain {
namespace {

ServiceReferenceCodes Refs() {
  return {{"day_care", "shelter", "legal_aid"}, {"roma", "older_people"}, {"en", "sr-Latn"}};
}

SocialServicePatch Valid() {
  SocialServicePatch p;
  p.name = LocalizedText{{"en", "Day centre"}, {"sr-Latn", "Dnevni centar"}};
  p.category = "day_care";
  return p;
}

LicensingPatch Licence(std::optional<LicensingStatus> status, std::string number,
                       std::string authority, std::string until) {
  return {status, std::move(number), std::move(authority), std::move(until)};
}

std::vector<std::string> Fields(const std::vector<InvalidField>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.field);
  return out;
}

bool Has(const std::vector<InvalidField>& problems, const std::string& field) {
  const auto f = Fields(problems);
  return std::find(f.begin(), f.end(), field) != f.end();
}

TEST(SocialServiceTest, ValidServiceDefaultsToLicenceNotRequired) {
  SocialService s;
  std::vector<std::string> changed;
  EXPECT_TRUE(Apply(Valid(), Refs(), &s, &changed).empty());
  EXPECT_EQ(s.licensing.status, LicensingStatus::kNotRequired);
  EXPECT_EQ(s.name.at("sr-Latn"), "Dnevni centar");
  EXPECT_EQ(changed, (std::vector<std::string>{"name", "category"}));
}

TEST(SocialServiceTest, LicensedServiceNamesEachMissingLicenceField) {
  auto p = Valid();
  p.licensing = Licence(LicensingStatus::kLicensed, "", "  ", "");
  SocialService s;
  std::vector<std::string> changed;
  const auto problems = Apply(p, Refs(), &s, &changed);
  EXPECT_TRUE(Has(problems, "licensing.licence_number"));
  EXPECT_TRUE(Has(problems, "licensing.authority"));
  EXPECT_TRUE(Has(problems, "licensing.valid_until"));
  EXPECT_EQ(problems.size(), 3u);
}

TEST(SocialServiceTest, LicensedServiceWithAllDetailsIsAccepted) {
  auto p = Valid();
  p.licensing = Licence(LicensingStatus::kLicensed, "SZ-12/2024", "Ministry", "2027-06-30");
  SocialService s;
  std::vector<std::string> changed;
  EXPECT_TRUE(Apply(p, Refs(), &s, &changed).empty());
  EXPECT_EQ(s.licensing.valid_until, "2027-06-30");
}

TEST(SocialServiceTest, OtherStatusesNeedNoLicenceDetails) {
  for (auto status : {LicensingStatus::kNotRequired, LicensingStatus::kNotLicensed,
                      LicensingStatus::kInProcess, LicensingStatus::kExpired}) {
    auto p = Valid();
    p.licensing = Licence(status, "", "", "");
    SocialService s;
    std::vector<std::string> changed;
    EXPECT_TRUE(Apply(p, Refs(), &s, &changed).empty()) << LicensingWord(status);
  }
}

TEST(SocialServiceTest, LicensingWithoutStatusIsRefused) {
  auto p = Valid();
  p.licensing = Licence(std::nullopt, "A-1", "", "");
  SocialService s;
  std::vector<std::string> changed;
  EXPECT_EQ(Fields(Apply(p, Refs(), &s, &changed)), std::vector<std::string>{"licensing.status"});
}

TEST(SocialServiceTest, ImpossibleExpiryDatesAreRefused) {
  for (const std::string bad : {"2027-02-30", "2027-13-01", "27-01-01", "2027/01/01", "soon"}) {
    auto p = Valid();
    p.licensing = Licence(LicensingStatus::kInProcess, "", "", bad);
    SocialService s;
    std::vector<std::string> changed;
    EXPECT_TRUE(Has(Apply(p, Refs(), &s, &changed), "licensing.valid_until")) << bad;
  }
  EXPECT_TRUE(IsIsoDate("2028-02-29"));
  EXPECT_FALSE(IsIsoDate("2027-02-29"));
}

TEST(SocialServiceTest, RequiresNameAndKnownCategory) {
  SocialService s;
  std::vector<std::string> changed;
  auto problems = Apply(SocialServicePatch{}, Refs(), &s, &changed);
  EXPECT_TRUE(Has(problems, "name"));
  EXPECT_TRUE(Has(problems, "category"));

  auto p = Valid();
  p.category = "spa";
  EXPECT_EQ(Fields(Apply(p, Refs(), &s, &changed)), std::vector<std::string>{"category"});
}

TEST(SocialServiceTest, NameNeedsKnownLanguagesAndText) {
  auto p = Valid();
  p.name = LocalizedText{};
  SocialService s;
  std::vector<std::string> changed;
  EXPECT_TRUE(Has(Apply(p, Refs(), &s, &changed), "name"));
  p.name = LocalizedText{{"xx", "Centre"}, {"en", "  "}};
  const auto problems = Apply(p, Refs(), &s, &changed);
  EXPECT_TRUE(Has(problems, "name.xx"));
  EXPECT_TRUE(Has(problems, "name.en"));
}

TEST(SocialServiceTest, CapacityMustNotBeNegativeAndCanBeCleared) {
  auto p = Valid();
  p.capacity_sent = true;
  p.capacity = -1;
  SocialService s;
  std::vector<std::string> changed;
  EXPECT_EQ(Fields(Apply(p, Refs(), &s, &changed)), std::vector<std::string>{"capacity"});

  p.capacity = 0;
  EXPECT_TRUE(Apply(p, Refs(), &s, &changed).empty());
  EXPECT_EQ(s.capacity, 0);

  SocialServicePatch clear;
  clear.capacity_sent = true;
  changed.clear();
  EXPECT_TRUE(Apply(clear, Refs(), &s, &changed).empty());
  EXPECT_FALSE(s.capacity.has_value());
  EXPECT_EQ(changed, std::vector<std::string>{"capacity"});
}

TEST(SocialServiceTest, UnknownTargetGroupsAndEmptyMunicipalitiesAreRefused) {
  auto p = Valid();
  p.target_groups = std::vector<std::string>{"roma", "aliens", "roma"};
  p.municipalities = std::vector<std::string>{" Čačak ", "", "Čačak"};
  SocialService s;
  std::vector<std::string> changed;
  const auto problems = Apply(p, Refs(), &s, &changed);
  // Each unknown code is named by its index, as the gateway names elements.
  EXPECT_TRUE(Has(problems, "target_groups[1]"));
  EXPECT_FALSE(Has(problems, "target_groups"));
  EXPECT_TRUE(Has(problems, "municipalities"));
  EXPECT_EQ(s.target_groups, std::vector<std::string>{"roma"});
  EXPECT_EQ(s.municipalities, std::vector<std::string>{"Čačak"});
}

TEST(SocialServiceTest, TargetGroupsListAtMostTwentyCodesAsSent) {
  auto p = Valid();
  p.target_groups = std::vector<std::string>(kMaxTargetGroups, "roma");
  SocialService s;
  std::vector<std::string> changed;
  EXPECT_TRUE(Apply(p, Refs(), &s, &changed).empty());
  p.target_groups->push_back("roma");
  EXPECT_EQ(Fields(Apply(p, Refs(), &s, &changed)), std::vector<std::string>{"target_groups"});
  p.target_groups = std::vector<std::string>(5000, "aliens");
  EXPECT_EQ(Fields(Apply(p, Refs(), &s, &changed)), std::vector<std::string>{"target_groups"});
}

// Regression: a name with hundreds of unknown language keys was a problem per key.
TEST(SocialServiceTest, NameHasAtMostTwentyLanguages) {
  ServiceReferenceCodes refs = Refs();
  LocalizedText name;
  for (size_t i = 0; i < kMaxLanguages + 1; ++i) {
    const std::string lang = "l" + std::to_string(i);
    refs.languages.insert(lang);
    if (i < kMaxLanguages) name[lang] = "Centre";
  }
  auto p = Valid();
  p.name = name;
  SocialService s;
  std::vector<std::string> changed;
  EXPECT_TRUE(Apply(p, refs, &s, &changed).empty());
  (*p.name)["l" + std::to_string(kMaxLanguages)] = "Centre";
  EXPECT_EQ(Fields(Apply(p, refs, &s, &changed)), std::vector<std::string>{"name"});

  LocalizedText unknown;
  for (int i = 0; i < 300; ++i) unknown["x" + std::to_string(i)] = "";
  p.name = unknown;
  EXPECT_EQ(Fields(Apply(p, Refs(), &s, &changed)), std::vector<std::string>{"name"});
}

// Counted as sent: duplicates count, and thousands of bad names are one problem.
TEST(SocialServiceTest, MunicipalitiesListAtMostOneHundredNamesAsSent) {
  auto p = Valid();
  p.municipalities = std::vector<std::string>(kMaxMunicipalities, "Čačak");
  SocialService s;
  std::vector<std::string> changed;
  EXPECT_TRUE(Apply(p, Refs(), &s, &changed).empty());
  EXPECT_EQ(s.municipalities, std::vector<std::string>{"Čačak"});
  p.municipalities->push_back("Čačak");
  EXPECT_EQ(Fields(Apply(p, Refs(), &s, &changed)), std::vector<std::string>{"municipalities"});
  p.municipalities = std::vector<std::string>(5000, "");
  EXPECT_EQ(Fields(Apply(p, Refs(), &s, &changed)), std::vector<std::string>{"municipalities"});
}

TEST(SocialServiceTest, ServerOwnedFieldsAreNamedWhenSent) {
  auto p = Valid();
  p.read_only_sent = {"organization_id", "version"};
  SocialService s;
  std::vector<std::string> changed;
  const auto problems = Apply(p, Refs(), &s, &changed);
  EXPECT_TRUE(Has(problems, "organization_id"));
  EXPECT_TRUE(Has(problems, "version"));
  EXPECT_TRUE(IsServiceReadOnlyField("id"));
  EXPECT_FALSE(IsServiceReadOnlyField("capacity"));
}

TEST(SocialServiceTest, SamePatchTwiceChangesNothing) {
  auto p = Valid();
  p.licensing = Licence(LicensingStatus::kLicensed, "L-1", "Ministry", "2027-06-30");
  SocialService s;
  std::vector<std::string> changed;
  ASSERT_TRUE(Apply(p, Refs(), &s, &changed).empty());
  changed.clear();
  ASSERT_TRUE(Apply(p, Refs(), &s, &changed).empty());
  EXPECT_TRUE(changed.empty());
}

TEST(SocialServiceTest, ServicesAreManagedByWhoeverMayEditTheOrganisation) {
  Organization org;
  org.id = "org-a";
  org.country = "RS";
  EXPECT_TRUE(CanManageServices({"a", "network_admin", "", ""}, org));
  EXPECT_TRUE(CanManageServices({"c", "national_coordinator", "", "RS"}, org));
  EXPECT_FALSE(CanManageServices({"c", "national_coordinator", "", "BA"}, org));
  EXPECT_TRUE(CanManageServices({"m", "member", "org-a", ""}, org));
  EXPECT_FALSE(CanManageServices({"m", "member", "org-b", ""}, org));
  EXPECT_FALSE(CanManageServices({"p", "partner", "", ""}, org));
  EXPECT_FALSE(CanManageServices({}, org));
}

}  // namespace
}  // namespace iris::membership::domain
