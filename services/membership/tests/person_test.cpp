// Rules for contact persons: validation of what a client writes and who handles whose people.
#include "services/membership/domain/person.hpp"

#include <gtest/gtest.h>

namespace iris::membership::domain {
namespace {

const std::set<std::string> kLanguages{"en", "sr-Latn", "sr-Cyrl", "sq"};

std::set<std::string> Fields(const std::vector<InvalidField>& problems) {
  std::set<std::string> out;
  for (const auto& p : problems) out.insert(p.field);
  return out;
}

TEST(PersonTest, ValidPersonIsAcceptedTrimmedAndLanguagesDeduplicated) {
  PersonPatch p;
  p.name = "  Ana Petrović ";
  p.email = "ana@example.org";
  p.phone = "+381 11 123-4567";
  p.languages = std::vector<std::string>{"sr-Latn", "en", "sr-Latn"};
  p.consent = Consent{true, false};
  Person person;
  std::vector<std::string> changed;
  EXPECT_TRUE(Apply(p, kLanguages, &person, &changed).empty());
  EXPECT_EQ(person.name, "Ana Petrović");
  EXPECT_EQ(person.languages, (std::vector<std::string>{"sr-Latn", "en"}));
  EXPECT_TRUE(person.consent.directory);
  EXPECT_EQ(changed, (std::vector<std::string>{"name", "email", "phone", "languages", "consent"}));
}

TEST(PersonTest, EveryProblemIsReportedAtOnceByField) {
  PersonPatch p;
  p.name = " ";
  p.email = "not an email";
  p.phone = "call me";
  p.role = std::string(101, 'r');
  p.languages = std::vector<std::string>{"xx"};
  p.read_only_sent = {"organization_id", "version"};
  p.unknown_sent = {"nickname"};
  Person person;
  std::vector<std::string> changed;
  EXPECT_EQ(Fields(Apply(p, kLanguages, &person, &changed)),
            (std::set<std::string>{"name", "email", "phone", "role", "languages[0]",
                                   "organization_id", "version", "nickname"}));
}

TEST(PersonTest, LanguagesListAtMostTwentyCodesAsSentAndAHugeListIsOneProblem) {
  PersonPatch p;
  p.name = "Ana";
  p.languages = std::vector<std::string>(kMaxLanguages, "en");
  Person person;
  std::vector<std::string> changed;
  EXPECT_TRUE(Apply(p, kLanguages, &person, &changed).empty());
  EXPECT_EQ(person.languages, std::vector<std::string>{"en"});

  p.languages->push_back("en");
  auto problems = Apply(p, kLanguages, &person, &changed);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "languages");

  p.languages = std::vector<std::string>(5000, "xx");
  EXPECT_EQ(Apply(p, kLanguages, &person, &changed).size(), 1u);
}

TEST(PersonTest, ServerOwnedFieldsAreReadOnly) {
  for (const char* f :
       {"id", "organization_id", "consent_given_at", "version", "created_at", "updated_at"}) {
    EXPECT_TRUE(IsReadOnlyPersonField(f)) << f;
  }
  for (const char* f : {"name", "email", "phone", "role", "languages", "consent"}) {
    EXPECT_FALSE(IsReadOnlyPersonField(f)) << f;
  }
}

TEST(PersonTest, SendingTheSameValuesChangesNothing) {
  Person person;
  person.name = "Ana";
  person.consent = {true, true};
  PersonPatch p;
  p.name = "Ana";
  p.consent = Consent{true, true};
  std::vector<std::string> changed;
  EXPECT_TRUE(Apply(p, kLanguages, &person, &changed).empty());
  EXPECT_TRUE(changed.empty());
}

TEST(PersonTest, EmptyOptionalValueClearsIt) {
  Person person;
  person.name = "Ana";
  person.phone = "+381 11 123 4567";
  PersonPatch p;
  p.phone = "";
  std::vector<std::string> changed;
  EXPECT_TRUE(Apply(p, kLanguages, &person, &changed).empty());
  EXPECT_EQ(person.phone, "");
}

TEST(PersonTest, OnlyThoseResponsibleForTheOrganizationHandleItsPeople) {
  Organization org;
  org.id = "org-a";
  org.country = "RS";
  EXPECT_TRUE(CanHandlePeopleOf({"u", "network_admin", "", ""}, org));
  EXPECT_TRUE(CanHandlePeopleOf({"u", "national_coordinator", "", "RS"}, org));
  EXPECT_FALSE(CanHandlePeopleOf({"u", "national_coordinator", "", "BA"}, org));
  EXPECT_TRUE(CanHandlePeopleOf({"u", "member", "org-a", ""}, org));
  EXPECT_FALSE(CanHandlePeopleOf({"u", "member", "org-b", ""}, org));
  EXPECT_FALSE(CanHandlePeopleOf({"u", "partner", "", ""}, org));
  EXPECT_FALSE(CanHandlePeopleOf({"u", "reviewer", "", "RS"}, org));
  EXPECT_FALSE(CanHandlePeopleOf({}, org));
}

}  // namespace
}  // namespace iris::membership::domain
