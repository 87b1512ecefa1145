#include "services/gateway/http/url.hpp"

#include <gtest/gtest.h>

#include "libs/status/status.hpp"

namespace iris::gateway::http {
namespace {

void ExpectMalformed(std::string_view in, bool plus_as_space = true) {
  auto out = PercentDecode(in, plus_as_space);
  ASSERT_FALSE(out.ok()) << "accepted \"" << in << "\"";
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::DetailOf(out.status()).reason(), "malformed");
}

TEST(PercentDecodeTest, DecodesEscapesInEitherCase) {
  EXPECT_EQ(*PercentDecode("a%2Fb%2fc%20d", false), "a/b/c d");
}

TEST(PercentDecodeTest, PlusIsASpaceOnlyInQueries) {
  EXPECT_EQ(*PercentDecode("a+b%2B", true), "a b+");
  EXPECT_EQ(*PercentDecode("a+b", false), "a+b");
}

TEST(PercentDecodeTest, DecodesMultiByteUtf8) {
  EXPECT_EQ(*PercentDecode("%D0%89%D1%83%D0%B1%D0%B8%D1%86%D0%B0", false), "Љубица");
  EXPECT_EQ(*PercentDecode("Đorđe", false), "Đorđe");  // raw UTF-8 passes through
}

TEST(PercentDecodeTest, EmptyStaysEmpty) { EXPECT_EQ(*PercentDecode("", true), ""); }

TEST(PercentDecodeTest, RejectsTruncatedOrNonHexEscapes) {
  ExpectMalformed("%");
  ExpectMalformed("abc%4");
  ExpectMalformed("%G1");
  ExpectMalformed("%1Z");
  ExpectMalformed("100%");
}

TEST(PercentDecodeTest, RejectsBytesThatAreNotUtf8) {
  ExpectMalformed("%FF");
  ExpectMalformed("%C3");           // truncated sequence
  ExpectMalformed("%C0%AF");        // overlong '/'
  ExpectMalformed("%ED%A0%80");     // UTF-16 surrogate
  ExpectMalformed("%F4%90%80%80");  // past U+10FFFF
  ExpectMalformed("\xff");          // raw, not escaped
}

TEST(PercentDecodeTest, RejectsNul) { ExpectMalformed("a%00b"); }

TEST(IsValidUtf8Test, AcceptsTheLargestCodePoints) {
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(IsValidUtf8("\xEF\xBF\xBD"));      // U+FFFD
  EXPECT_FALSE(IsValidUtf8("\x80"));
}

TEST(DecodeQueryStringTest, KeepsOrderAndRepeatsAndSkipsEmptyPairs) {
  using Q = std::vector<std::pair<std::string, std::string>>;
  auto q = DecodeQueryString("country=RS&&country=BA&q=Ni%C5%A1+grad&flag&=x&a=b=c");
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_EQ(*q, (Q{{"country", "RS"},
                   {"country", "BA"},
                   {"q", "Niš grad"},
                   {"flag", ""},
                   {"", "x"},
                   {"a", "b=c"}}));
  EXPECT_TRUE(DecodeQueryString("")->empty());
  EXPECT_FALSE(DecodeQueryString("a=%ZZ").ok());
  EXPECT_FALSE(DecodeQueryString("a=1&%C0=2").ok());
}

}  // namespace
}  // namespace iris::gateway::http
