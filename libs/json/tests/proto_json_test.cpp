#include "libs/json/proto_json.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include <google/protobuf/util/message_differencer.h>

#include "json_test.pb.h"
#include "libs/status/problem.hpp"
#include "libs/status/status.hpp"

namespace iris::json {
namespace {

using nlohmann::json;
using test::HTTP_METHOD_GET;
using test::NETWORK_STATUS_ACTIVE;
using test::NETWORK_STATUS_IN_FORMATION;
using test::Sample;

constexpr std::int64_t kTwo53Plus1 = 9007199254740993LL;  // not representable as a double

struct Error {
  std::string field;
  std::string message;
  bool operator==(const Error&) const = default;
  friend std::ostream& operator<<(std::ostream& os, const Error& e) {
    return os << e.field << ": " << e.message;
  }
};

std::vector<Error> FieldErrors(const absl::Status& s) {
  std::vector<Error> out;
  const auto detail = status::DetailOf(s);
  for (const auto& e : detail.errors()) out.push_back({e.field(), e.message()});
  return out;
}

// The one field error of a 422, or a failure naming what came instead.
Error OnlyError(std::string_view body) {
  Sample m;
  auto s = FromJsonString(body, &m);
  EXPECT_EQ(status::HttpStatusFor(s), 422) << body << " -> " << s;
  auto errors = FieldErrors(s);
  EXPECT_EQ(errors.size(), 1u) << body;
  return errors.empty() ? Error{} : errors.front();
}

Sample FullSample() {
  Sample m;
  m.set_big_id(kTwo53Plus1);
  m.set_big_unsigned(std::numeric_limits<std::uint64_t>::max());
  m.set_signed_delta(-kTwo53Plus1);
  m.set_fixed_count(18446744073709551557ULL);
  m.set_sfixed_offset(std::numeric_limits<std::int64_t>::min());
  m.set_small(-7);
  m.add_ids(kTwo53Plus1);
  m.add_ids(-1);
  (*m.mutable_totals())["eur"] = kTwo53Plus1;
  (*m.mutable_names_by_id())[kTwo53Plus1] = "big";
  m.mutable_line()->set_amount(kTwo53Plus1);
  m.add_lines()->set_units(std::numeric_limits<std::uint64_t>::max());
  (*m.mutable_lines_by_key())["a"].set_amount(-kTwo53Plus1);
  m.mutable_maybe_count()->set_value(kTwo53Plus1);
  m.mutable_maybe_size()->set_value(std::numeric_limits<std::uint64_t>::max());
  m.mutable_maybe_note()->set_value("note");
  m.set_status(NETWORK_STATUS_IN_FORMATION);
  m.add_history(NETWORK_STATUS_IN_FORMATION);
  m.add_history(NETWORK_STATUS_ACTIVE);
  (*m.mutable_status_by_country())["RS"] = NETWORK_STATUS_ACTIVE;
  (*m.mutable_title()->mutable_values())["en"] = "Grants";
  (*m.mutable_title()->mutable_values())["sr-Latn"] = "Grantovi";
  (*m.add_tags()->mutable_values())["en"] = "youth";
  m.mutable_created_at()->set_seconds(1700000000);
  m.mutable_created_at()->set_nanos(123000000);
  m.mutable_max_award()->set_amount(800000);
  m.mutable_max_award()->set_currency("EUR");
  m.set_active(true);
  m.set_ratio(0.25);
  m.set_weight(1.5f);
  m.set_blob("\x00\xff", 2);
  m.set_display_name("Ђорђе \"quoted\"");
  m.set_method(HTTP_METHOD_GET);
  m.set_url("https://example.org");
  m.set_maybe_limit(0);
  return m;
}

TEST(ToJsonTest, PrintsProtoFieldNamesAndDefaults) {
  json j = ToJson(Sample());
  EXPECT_EQ(j["big_id"], 0);
  EXPECT_TRUE(j["big_id"].is_number_integer());
  EXPECT_EQ(j["active"], false);
  EXPECT_EQ(j["ids"], json::array());
  EXPECT_EQ(j["totals"], json::object());
  EXPECT_FALSE(j.contains("bigId"));
}

TEST(ToJsonTest, AFieldWithoutAValueIsNullNeverEmptyOrAbsent) {
  Sample m;
  m.add_lines();
  json j = ToJson(m);
  for (const char* field : {"display_name", "blob", "line", "maybe_count", "maybe_note",
                            "maybe_limit", "created_at", "title", "status"}) {
    ASSERT_TRUE(j.contains(field)) << field;
    EXPECT_TRUE(j[field].is_null()) << field << ": " << j[field];
  }
  EXPECT_TRUE(j["lines"][0]["label"].is_null()) << "nested messages too";
  // Of a oneof only the member set appears, as set; an explicit wrapper keeps its "".
  EXPECT_FALSE(j.contains("email"));
  EXPECT_FALSE(j.contains("url"));
  m.set_email("");
  m.mutable_maybe_note()->set_value("");
  j = ToJson(m);
  EXPECT_EQ(j["email"], "");
  EXPECT_FALSE(j.contains("url"));
  EXPECT_EQ(j["maybe_note"], "");
}

TEST(ToJsonTest, NullsReadBackAsNotSet) {
  Sample m;
  m.add_lines()->set_amount(3);
  Sample back;
  auto s = FromJsonString(ToJsonString(m), &back);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(m, back)) << back.DebugString();
}

TEST(ToJsonTest, SixtyFourBitIntegersAreNumbersEverywhere) {
  json j = ToJson(FullSample());
  EXPECT_EQ(j["big_id"].get<std::int64_t>(), kTwo53Plus1);
  EXPECT_EQ(j["big_unsigned"].get<std::uint64_t>(), std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(j["signed_delta"].get<std::int64_t>(), -kTwo53Plus1);
  EXPECT_EQ(j["fixed_count"].get<std::uint64_t>(), 18446744073709551557ULL);
  EXPECT_EQ(j["sfixed_offset"].get<std::int64_t>(), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(j["ids"], json::array({kTwo53Plus1, -1}));
  EXPECT_EQ(j["totals"]["eur"].get<std::int64_t>(), kTwo53Plus1);
  EXPECT_EQ(j["names_by_id"]["9007199254740993"], "big");  // JSON keys stay strings
  EXPECT_EQ(j["line"]["amount"].get<std::int64_t>(), kTwo53Plus1);
  EXPECT_EQ(j["lines"][0]["units"].get<std::uint64_t>(), std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(j["lines_by_key"]["a"]["amount"].get<std::int64_t>(), -kTwo53Plus1);
  EXPECT_EQ(j["maybe_count"].get<std::int64_t>(), kTwo53Plus1);
  EXPECT_TRUE(j["maybe_size"].is_number_unsigned());
  EXPECT_EQ(j["maybe_note"], "note");
  EXPECT_EQ(j["max_award"], json({{"amount", 800000}, {"currency", "EUR"}}));
  EXPECT_EQ(j["maybe_limit"], 0);
  EXPECT_THAT(ToJsonString(FullSample()), ::testing::HasSubstr("\"big_id\":9007199254740993"));
}

TEST(ToJsonTest, EnumsAreLowerCaseWordsWithoutPrefix) {
  json j = ToJson(FullSample());
  EXPECT_EQ(j["status"], "in_formation");
  EXPECT_EQ(j["history"], json::array({"in_formation", "active"}));
  EXPECT_EQ(j["status_by_country"]["RS"], "active");
  EXPECT_EQ(j["method"], "get");  // HTTPMethod -> prefix HTTP_METHOD_
  EXPECT_TRUE(ToJson(Sample())["status"].is_null());
}

TEST(ToJsonTest, LocalizedTextIsAPlainLanguageMap) {
  json j = ToJson(FullSample());
  EXPECT_EQ(j["title"], json({{"en", "Grants"}, {"sr-Latn", "Grantovi"}}));
  EXPECT_EQ(j["tags"], json::array({{{"en", "youth"}}}));
  Sample empty_title;
  empty_title.mutable_title();
  EXPECT_EQ(ToJson(empty_title)["title"], json::object());
}

TEST(ToJsonTest, TimestampsAreRfc3339) {
  EXPECT_EQ(ToJson(FullSample())["created_at"], "2023-11-14T22:13:20.123Z");
}

TEST(ToJsonTest, UnprintableMessageYieldsNullInsteadOfThrowing) {
  Sample m;
  m.mutable_created_at()->set_seconds(400000000000);  // past year 9999
  EXPECT_TRUE(ToJson(m).is_null());
  EXPECT_EQ(ToJsonString(m), "null");
}

TEST(FromJsonTest, RoundTripsEveryRule) {
  const Sample original = FullSample();
  Sample back;
  auto s = FromJsonString(ToJsonString(original), &back);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(original, back))
      << back.DebugString();
}

TEST(FromJsonTest, KeepsTwoToThe53PlusOneExact) {
  Sample m;
  ASSERT_TRUE(FromJsonString(R"({"big_id": 9007199254740993, "ids": [9007199254740993],
      "maybe_count": 9007199254740993, "big_unsigned": 18446744073709551615})",
                             &m)
                  .ok());
  EXPECT_EQ(m.big_id(), kTwo53Plus1);
  EXPECT_EQ(m.ids(0), kTwo53Plus1);
  EXPECT_EQ(m.maybe_count().value(), kTwo53Plus1);
  EXPECT_EQ(m.big_unsigned(), std::numeric_limits<std::uint64_t>::max());
}

TEST(FromJsonTest, ParsesApiShapes) {
  Sample m;
  auto s = FromJsonString(R"({"status": "in_formation", "history": ["active"],
      "title": {"en": "Calls", "sr-Latn": "Pozivi"}, "created_at": "2024-05-01T12:00:00Z",
      "max_award": {"amount": 800000, "currency": "EUR"}, "method": "get"})",
                          &m);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(m.status(), NETWORK_STATUS_IN_FORMATION);
  EXPECT_EQ(m.history(0), NETWORK_STATUS_ACTIVE);
  EXPECT_EQ(m.title().values().at("sr-Latn"), "Pozivi");
  EXPECT_EQ(m.created_at().seconds(), 1714564800);
  EXPECT_EQ(m.max_award().amount(), 800000);
  EXPECT_EQ(m.method(), HTTP_METHOD_GET);
}

TEST(FromJsonTest, NullMeansNotSetAndTheTargetIsReplaced) {
  Sample m = FullSample();
  ASSERT_TRUE(FromJsonString(R"({"line": null, "status": null, "small": 5})", &m).ok());
  EXPECT_FALSE(m.has_line());
  EXPECT_EQ(m.status(), test::NETWORK_STATUS_UNSPECIFIED);
  EXPECT_EQ(m.small(), 5);
  EXPECT_EQ(m.big_id(), 0);
}

TEST(FromJsonTest, UnknownFieldsAreNamed) {
  EXPECT_EQ(OnlyError(R"({"big_id": 1, "nope": 2})"),
            (Error{"nope", "is not a field of this request"}));
  EXPECT_EQ(OnlyError(R"({"line": {"bogus": 1}})"),
            (Error{"line.bogus", "is not a field of this request"}));
  EXPECT_EQ(OnlyError(R"({"lines": [{}, {"x": 1}]})"),
            (Error{"lines[1].x", "is not a field of this request"}));
  // The API is snake_case: protobuf's camelCase aliases are not accepted.
  EXPECT_EQ(OnlyError(R"({"bigId": 1})"), (Error{"bigId", "is not a field of this request"}));
}

TEST(FromJsonTest, WrongTypesAreNamed) {
  EXPECT_EQ(OnlyError(R"({"big_id": "12"})"), (Error{"big_id", "must be an integer"}));
  EXPECT_EQ(OnlyError(R"({"small": 1.5})"), (Error{"small", "must be an integer"}));
  EXPECT_EQ(OnlyError(R"({"active": "yes"})"), (Error{"active", "must be true or false"}));
  EXPECT_EQ(OnlyError(R"({"display_name": 3})"), (Error{"display_name", "must be a string"}));
  EXPECT_EQ(OnlyError(R"({"ratio": "x"})"), (Error{"ratio", "must be a number"}));
  EXPECT_EQ(OnlyError(R"({"ids": [1, "x"]})"), (Error{"ids[1]", "must be an integer"}));
  EXPECT_EQ(OnlyError(R"({"ids": 1})"), (Error{"ids", "must be an array"}));
  EXPECT_EQ(OnlyError(R"({"line": 5})"), (Error{"line", "must be an object"}));
  EXPECT_EQ(OnlyError(R"({"totals": {"a": "1"}})"), (Error{"totals.a", "must be an integer"}));
  EXPECT_EQ(OnlyError(R"({"names_by_id": {"abc": "x"}})"),
            (Error{"names_by_id.abc", "key must be an integer"}));
  EXPECT_EQ(OnlyError(R"({"maybe_count": "5"})"), (Error{"maybe_count", "must be an integer"}));
  EXPECT_EQ(OnlyError(R"({"max_award": {"amount": "800000", "currency": "EUR"}})"),
            (Error{"max_award.amount", "must be an integer"}));
  EXPECT_EQ(OnlyError(R"([1, 2])"), (Error{"body", "must be a JSON object"}));
}

TEST(FromJsonTest, OutOfRangeNumbersAreNamed) {
  EXPECT_EQ(OnlyError(R"({"small": 3000000000})"), (Error{"small", "is out of range"}));
  EXPECT_EQ(OnlyError(R"({"small_unsigned": -1})"), (Error{"small_unsigned", "is out of range"}));
  EXPECT_EQ(OnlyError(R"({"big_unsigned": -1})"), (Error{"big_unsigned", "is out of range"}));
  EXPECT_EQ(OnlyError(R"({"big_id": 9223372036854775808})"), (Error{"big_id", "is out of range"}));
  EXPECT_EQ(OnlyError(R"({"weight": 1e300})"), (Error{"weight", "is out of range"}));
}

TEST(FromJsonTest, EnumsAcceptOnlyTheirWords) {
  const Error expected{"status", "must be one of: in_formation, active"};
  EXPECT_EQ(OnlyError(R"({"status": "unspecified"})"), expected);
  EXPECT_EQ(OnlyError(R"({"status": "NETWORK_STATUS_ACTIVE"})"), expected);
  EXPECT_EQ(OnlyError(R"({"status": 2})"), expected);
  EXPECT_EQ(OnlyError(R"({"history": ["active", "gone"]})"),
            (Error{"history[1]", "must be one of: in_formation, active"}));
}

// API.md: a localized map needs at least one entry. A service cannot tell {} from null once it
// is protobuf, so the reader refuses {}, in a list too; null stays "not set" (PATCH: clear).
// A field marked empty_map_clears (common.proto) takes {} as a value.
TEST(FromJsonTest, AnEmptyLocalizedMapIsRefusedUnlessTheFieldTakesItAsClearing) {
  const std::string needs =
      "needs at least one language: a map of language to text, such as {\"en\": ...}; null "
      "clears a field that may be cleared";
  EXPECT_EQ(OnlyError(R"({"title": {}})"), (Error{"title", needs}));
  EXPECT_EQ(OnlyError(R"({"tags": [{"en": "youth"}, {}]})"), (Error{"tags[1]", needs}));
  Sample m;
  ASSERT_TRUE(FromJson(json::parse(R"({"title": null, "note": {}})"), &m).ok());
  EXPECT_FALSE(m.has_title());
  EXPECT_TRUE(m.has_note());
  EXPECT_TRUE(m.note().values().empty());
}

TEST(FromJsonTest, ShapesOfLocalizedTextAndTimestampsAreChecked) {
  EXPECT_EQ(OnlyError(R"({"title": {"values": {"en": "x"}}})"),
            (Error{"title", "must be an object of language tag to text"}));
  EXPECT_EQ(OnlyError(R"({"title": "Grants"})"),
            (Error{"title", "must be an object of language tag to text"}));
  EXPECT_EQ(OnlyError(R"({"created_at": "yesterday"})").field, "created_at");
  EXPECT_EQ(OnlyError(R"({"created_at": 1700000000})").field, "created_at");
}

TEST(FromJsonTest, OneofMembersCannotBothBeSet) {
  EXPECT_EQ(OnlyError(R"({"email": "a@b.org", "url": "https://b.org"})"),
            (Error{"url", "cannot be set together with email"}));
}

TEST(FromJsonTest, ReportsEveryProblemAtOnce) {
  Sample m;
  auto s = FromJsonString(R"({"nope": 1, "small": "x", "status": "bad"})", &m);
  EXPECT_EQ(status::HttpStatusFor(s), 422);
  EXPECT_EQ(FieldErrors(s).size(), 3u);
  EXPECT_EQ(status::DetailOf(s).reason(), "validation");
}

TEST(FromJsonTest, ManyUnknownFieldsAreCapped) {
  json body = json::object();
  for (int i = 0; i < 500; ++i) body["f" + std::to_string(i)] = i;
  Sample m;
  auto s = FromJson(body, &m);
  EXPECT_EQ(status::HttpStatusFor(s), 422);
  EXPECT_EQ(FieldErrors(s).size(), status::kMaxErrors);
  EXPECT_EQ(status::DetailOf(s).omitted_errors(), 400) << "the rest are counted";
}

TEST(FromJsonTest, BadBase64IsAFieldErrorNotACrash) {
  Sample m;
  auto s = FromJsonString(R"({"line": {"label": "x"}, "blob": "%%%"})", &m);
  EXPECT_EQ(status::HttpStatusFor(s), 422) << s;
  auto errors = FieldErrors(s);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "blob") << errors[0];
}

TEST(ParseBodyTest, MalformedJsonIsA400) {
  for (std::string_view body : {"", "{", "{\"a\":}", "nul", "{\"a\": 1} trailing", "{'a': 1}",
                                "{\"a\": 1 /* comment */}"}) {
    SCOPED_TRACE(body);
    auto j = ParseBody(body);
    ASSERT_FALSE(j.ok());
    EXPECT_EQ(j.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(status::DetailOf(j.status()).reason(), "malformed");
    EXPECT_EQ(status::HttpStatusFor(j.status()), 400);
  }
  Sample m;
  EXPECT_EQ(status::HttpStatusFor(FromJsonString("{\"big_id\": ", &m)), 400);
}

TEST(ParseBodyTest, InvalidUtf8IsMalformed) {
  auto j = ParseBody("{\"name\": \"bad \xff byte\"}");
  ASSERT_FALSE(j.ok());
  EXPECT_EQ(status::HttpStatusFor(j.status()), 400);
  EXPECT_TRUE(ParseBody("{\"name\": \"Ђорђе\"}").ok());
}

TEST(ParseBodyTest, RefusesNestingDeeperThan64) {
  auto nested = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  EXPECT_TRUE(ParseBody(nested(64)).ok());
  auto deep = ParseBody(nested(65));
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(status::HttpStatusFor(deep.status()), 400);
  // Brackets inside strings are text, not nesting.
  EXPECT_TRUE(ParseBody("[\"" + std::string(1000, '[') + "\"]").ok());
  // A million-deep body must be refused, not overflow the stack.
  EXPECT_FALSE(ParseBody(nested(1'000'000)).ok());
}

TEST(FromJsonTest, DeepValuesBuiltInCodeAreRefusedToo) {
  json deep = json::array();
  for (int i = 0; i < 100; ++i) deep = json::array({deep});
  Sample m;
  EXPECT_EQ(status::HttpStatusFor(FromJson(json{{"ids", deep}}, &m)), 400);
}

// For the dry run (every error at once): bad fields are named and left out at their own
// level, the rest is parsed, and the caller learns which top-level keys were left out.
TEST(FromJsonCollectingTest, LeavesOutBadFieldsAtTheirOwnLevel) {
  Sample m;
  status::Validator found;
  std::vector<std::string> left_out;
  const auto body = json::parse(R"({"small": "x", "display_name": "kept", "colour": 1,
      "line": {"amount": "1", "label": "kept too"}, "ids": [1, "2"], "maybe_note": null})");
  ASSERT_TRUE(FromJson(body, &m, found, &left_out).ok());
  EXPECT_EQ(found.count(), 4u);
  EXPECT_EQ(m.display_name(), "kept");
  EXPECT_EQ(m.line().label(), "kept too");  // the nested object stays, without its bad field
  EXPECT_EQ(m.line().amount(), 0);
  EXPECT_EQ(m.ids_size(), 0);  // a bad element leaves out the whole list
  EXPECT_THAT(left_out, ::testing::UnorderedElementsAre("small", "colour", "ids"));
  // Without a collector the same body is one 422 naming all four.
  EXPECT_EQ(status::DetailOf(FromJson(body, &m)).errors_size(), 4);
}

}  // namespace
}  // namespace iris::json
