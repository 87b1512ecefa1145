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

// name@example.org of exactly `n` characters, the name part Cyrillic (two bytes a letter), so
// a limit counted in bytes would refuse it.
std::string EmailOfLength(size_t n) {
  const std::string domain = "@example.org";
  std::string local;
  for (size_t i = 0; i + domain.size() < n; ++i) local += "ђ";
  return local + domain;
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
  EXPECT_TRUE(CheckPassword(std::string(kMaxPasswordLength, 'a')).empty());
  EXPECT_EQ(Fields(CheckPassword(std::string(kMaxPasswordLength + 1, 'a'))),
            std::vector<std::string>{"password"});
}

TEST(PasswordTest, TheUpperBoundCountsCharactersToo) {
  std::string cyrillic;  // 1024 characters, 2048 bytes
  for (size_t i = 0; i < kMaxPasswordLength; ++i) cyrillic += "ђ";
  EXPECT_TRUE(CheckPassword(cyrillic).empty());
  EXPECT_EQ(Fields(CheckPassword(cyrillic + "ђ")), std::vector<std::string>{"password"});
}

TEST(SignInTest, EmailAndPasswordAreBoundedBeforeAnyLookup) {
  EXPECT_TRUE(CheckSignIn(EmailOfLength(kMaxEmailLength), "whatever").empty());
  EXPECT_TRUE(CheckSignIn("ana@example.org", std::string(kMaxPasswordLength, 'p')).empty());
  EXPECT_EQ(Fields(CheckSignIn(EmailOfLength(kMaxEmailLength + 1), "whatever")),
            std::vector<std::string>{"email"});
  EXPECT_EQ(Fields(CheckSignIn("ana@example.org", std::string(kMaxPasswordLength + 1, 'p'))),
            std::vector<std::string>{"password"});
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

TEST(NewUserTest, EmailAndNameLimitsCountCharacters) {
  auto at_limit = Valid(std::string(kPartner));
  at_limit.email = EmailOfLength(kMaxEmailLength);
  at_limit.name.clear();
  for (int i = 0; i < 200; ++i) at_limit.name += "Ђ";
  EXPECT_TRUE(CheckNewUser(at_limit).empty());

  auto over = Valid(std::string(kPartner));
  over.email = EmailOfLength(kMaxEmailLength + 1);
  over.name = at_limit.name + "Ђ";
  EXPECT_EQ(Fields(CheckNewUser(over)), (std::vector<std::string>{"email", "name"}));
}

TEST(ApiKeyRulesTest, NameIsAtMostOneHundredCharacters) {
  std::string name;
  for (int i = 0; i < 100; ++i) name += "Ђ";
  std::vector<std::string> scopes{"read"};
  EXPECT_TRUE(CheckNewApiKey(name, scopes).empty());
  name += "Ђ";
  EXPECT_EQ(Fields(CheckNewApiKey(name, scopes)), std::vector<std::string>{"name"});
}

TEST(ApiKeyRulesTest, AtMostThreeScopesAndALongListIsOneProblem) {
  std::string name = "CRM";
  std::vector<std::string> all{"read", "write", "webhooks:manage"};
  EXPECT_TRUE(CheckNewApiKey(name, all).empty());
  std::vector<std::string> four{"read", "write", "webhooks:manage", "read"};
  EXPECT_EQ(Fields(CheckNewApiKey(name, four)), std::vector<std::string>{"scopes"});
  std::vector<std::string> many(5000, "admin");
  EXPECT_EQ(Fields(CheckNewApiKey(name, many)), std::vector<std::string>{"scopes"});
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
