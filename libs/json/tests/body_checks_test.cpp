// ParseBody's checks beyond syntax: duplicate keys, control characters, numbers past a double.
#include "libs/json/body_checks.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "libs/json/proto_json.hpp"
#include "libs/status/problem.hpp"
#include "libs/status/status.hpp"
#include "libs/status/testing/field_errors.hpp"

namespace iris::json {
namespace {

using status::testing::FieldsOf;

// Regression: "X\u0000y" reached Postgres (500) or was stored cut short as "X".
TEST(ParseBodyTest, ControlCharactersAreA422NamingEachField) {
  auto s = ParseBody(R"({"name": "X\u0000y", "organization": {"city": "a\u0007b"},
                         "municipalities": ["ok", "bad\u001f"], "note": "tab\tand\nlines\r\n"})")
               .status();
  EXPECT_EQ(status::HttpStatusFor(s), 422) << s;
  EXPECT_EQ(status::DetailOf(s).reason(), "validation");
  EXPECT_EQ(FieldsOf(s),
            (std::vector<std::string>{"name", "organization.city", "municipalities[1]"}));
}

// For the dry run (every error at once): the errors are collected and the text kept without
// its control characters, so the rest of the body can still be checked.
TEST(ParseBodyTest, CollectingKeepsTheTextWithoutItsControls) {
  status::Validator found;
  auto j = ParseBody(R"({"name": "X\u0000y\u0085z", "list": ["a\u0007b", "ok"]})", found);
  ASSERT_TRUE(j.ok()) << j.status();
  EXPECT_EQ((*j)["name"], "Xyz");
  EXPECT_EQ((*j)["list"], (nlohmann::json{"ab", "ok"}));
  EXPECT_EQ(found.count(), 2u);
}

TEST(ParseBodyTest, TabsAndLineBreaksAreText) {
  EXPECT_TRUE(ParseBody(R"({"note": "a\tb\nc\r\nd", "name": "Ђорђе 😀"})").ok());
}

TEST(ParseBodyTest, DelAndC1ControlsAreRefusedToo) {
  EXPECT_EQ(FieldsOf(ParseBody(R"({"a": "x\u007f"})").status()), std::vector<std::string>{"a"});
  EXPECT_EQ(FieldsOf(ParseBody(R"({"a": "x\u0085"})").status()), std::vector<std::string>{"a"});
  EXPECT_EQ(FieldsOf(ParseBody("{\"a\": \"raw \x7f byte\"}").status()),
            std::vector<std::string>{"a"});
  // U+00A0 (C2 A0) is a no-break space, not a control.
  EXPECT_TRUE(ParseBody(R"({"a": "x\u00a0y"})").ok());
}

TEST(ParseBodyTest, AKeyWithAControlCharacterNamesItsObject) {
  auto s = ParseBody(R"({"name": {"e\u0000n": "x"}})").status();
  EXPECT_EQ(status::HttpStatusFor(s), 422);
  EXPECT_EQ(FieldsOf(s), std::vector<std::string>{"name"});
}

TEST(ParseBodyTest, ManyBadStringsAreCapped) {
  std::string body = "[";
  for (int i = 0; i < 500; ++i) body += std::string(i ? "," : "") + "\"\\u0001\"";
  body += "]";
  auto s = ParseBody(body).status();
  EXPECT_EQ(status::HttpStatusFor(s), 422);
  EXPECT_EQ(FieldsOf(s).size(), 100u);
  EXPECT_EQ(FieldsOf(s)[99], "[99]");
  EXPECT_EQ(status::DetailOf(s).omitted_errors(), 400);
}

// Regression: {"name":"a","name":"b"} was accepted, the last copy silently winning.
TEST(ParseBodyTest, AKeyGivenTwiceIsMalformed) {
  auto s = ParseBody(R"({"org": {"name": "a", "city": "c", "name": "b"}})").status();
  EXPECT_EQ(status::HttpStatusFor(s), 400) << s;
  EXPECT_EQ(status::DetailOf(s).reason(), "malformed");
  EXPECT_EQ(FieldsOf(s), std::vector<std::string>{"org.name"});
  // The same key in different objects is fine.
  EXPECT_TRUE(ParseBody(R"([{"name": "a"}, {"name": "b"}, {"x": {"name": 1}, "name": 2}])").ok());
}

TEST(ParseBodyTest, NumbersPastADoubleAndLoneSurrogatesAreMalformed) {
  for (const char* body :
       {R"({"a": 1e400})", R"({"a": -1e400})", R"({"a": "\ud800"})", R"({"a": "\udc00x"})"}) {
    SCOPED_TRACE(body);
    EXPECT_EQ(status::HttpStatusFor(ParseBody(body).status()), 400);
  }
  EXPECT_TRUE(ParseBody(R"({"a": "\ud83d\ude00", "b": 1e300, "c": 18446744073709551615})").ok());
}

TEST(HasControlCharacterTest, ChecksEveryByte) {
  using internal::HasControlCharacter;
  EXPECT_FALSE(HasControlCharacter(""));
  EXPECT_FALSE(HasControlCharacter("plain\ttext\n"));
  EXPECT_TRUE(HasControlCharacter(std::string("a\0b", 3)));
  EXPECT_TRUE(HasControlCharacter("\x1b[31m"));
  EXPECT_TRUE(HasControlCharacter("\xc2\x9f"));
  EXPECT_FALSE(HasControlCharacter("\xc3\x80"));  // À
}

}  // namespace
}  // namespace iris::json
