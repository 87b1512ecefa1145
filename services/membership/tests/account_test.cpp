// Rules of accounts: passwords, roles and their scope, API key names and scopes.
#include "services/membership/domain/account.hpp"

#include <gtest/gtest.h>

namespace iris::membership::domain {
namespace {

std::vector<std::string> Fields(const FieldProblems& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.field);
  return out;
}

NewUser Valid(std::string role) {
  NewUser u{" Ana@Example.ORG ", "correct horse battery", " Ana ", std::move(role), std::nullopt,
            std::nullopt};
  if (u.role == kMember) u.organization_id = "7d7c8f0e-1b7a-4c55-9d8c-3f1f2b4a5c6d";
  if (u.role == kNationalCoordinator) u.country = "rs";
  return u;
}

TEST(PasswordTest, TwelveCharactersAreEnoughAndElevenAreNot) {
  EXPECT_TRUE(CheckPassword("abcdefghijkl").empty());
  auto short_one = CheckPassword("abcdefghijk");
  ASSERT_EQ(short_one.size(), 1u);
  EXPECT_EQ(short_one[0].field, "password");
  EXPECT_NE(short_one[0].message.find("12"), std::string::npos);
}

TEST(PasswordTest, CountsCharactersNotBytes) {
  // 12 Cyrillic letters are 24 bytes; 11 of them are still too short.
  EXPECT_TRUE(CheckPassword("љњертзуиопшђ").empty());
  EXPECT_FALSE(CheckPassword("љњертзуиопш").empty());
}

TEST(PasswordTest, InvalidUtf8AndHugePasswordsAreRefused) {
  EXPECT_FALSE(CheckPassword("abcdefghijkl\xff").empty());
  EXPECT_FALSE(CheckPassword(std::string(kMaxPasswordBytes + 1, 'a')).empty());
}

TEST(NewUserTest, NormalisesEmailNameAndCountry) {
  auto u = Valid(std::string(kNationalCoordinator));
  EXPECT_TRUE(CheckNewUser(u).empty());
  EXPECT_EQ(u.email, "ana@example.org");
  EXPECT_EQ(u.name, "Ana");
  EXPECT_EQ(u.country, "RS");
}

TEST(NewUserTest, EveryRoleWithItsScopeIsAccepted) {
  for (auto role : {kNetworkAdmin, kNationalCoordinator, kMember, kReviewer, kPartner}) {
    auto u = Valid(std::string(role));
    EXPECT_TRUE(CheckNewUser(u).empty()) << role;
  }
  auto reviewer = Valid(std::string(kReviewer));
  reviewer.organization_id = "7d7c8f0e-1b7a-4c55-9d8c-3f1f2b4a5c6d";
  reviewer.country = "BA";
  EXPECT_TRUE(CheckNewUser(reviewer).empty());
}

TEST(NewUserTest, MemberNeedsOrganisationAndCoordinatorNeedsCountry) {
  auto member = Valid(std::string(kMember));
  member.organization_id.reset();
  EXPECT_EQ(Fields(CheckNewUser(member)), std::vector<std::string>{"organization_id"});
  auto coordinator = Valid(std::string(kNationalCoordinator));
  coordinator.country.reset();
  EXPECT_EQ(Fields(CheckNewUser(coordinator)), std::vector<std::string>{"country"});
  auto admin = Valid(std::string(kNetworkAdmin));
  admin.country = "RS";
  EXPECT_EQ(Fields(CheckNewUser(admin)), std::vector<std::string>{"country"});
}

TEST(NewUserTest, ReportsEveryBrokenFieldAtOnce) {
  NewUser u{"not-an-email", "short", "  ", "superuser", std::string("x"), std::string("Serbia")};
  auto fields = Fields(CheckNewUser(u));
  for (const char* f : {"email", "name", "password", "role", "organization_id", "country"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
  }
  NewUser two_ats = Valid(std::string(kPartner));
  two_ats.email = "a@b@c";
  EXPECT_EQ(Fields(CheckNewUser(two_ats)), std::vector<std::string>{"email"});
}

TEST(ApiKeyRulesTest, ScopesAreKnownDeduplicatedAndRequired) {
  std::string name = " CRM sync ";
  std::vector<std::string> scopes{"write", "read", "write"};
  EXPECT_TRUE(CheckNewApiKey(name, scopes).empty());
  EXPECT_EQ(name, "CRM sync");
  EXPECT_EQ(scopes, (std::vector<std::string>{"read", "write"}));
  std::vector<std::string> none;
  std::string empty_name;
  EXPECT_EQ(Fields(CheckNewApiKey(empty_name, none)), (std::vector<std::string>{"name", "scopes"}));
  std::vector<std::string> admin{"admin"};
  EXPECT_EQ(Fields(CheckNewApiKey(name, admin)), std::vector<std::string>{"scopes"});
}

}  // namespace
}  // namespace iris::membership::domain
