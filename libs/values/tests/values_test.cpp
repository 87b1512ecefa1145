// Value helpers every service shares: UUID text, base64url and the SHA-256 hex of API keys.
#include <gtest/gtest.h>

#include "libs/values/base64url.hpp"
#include "libs/values/entity_tags.hpp"
#include "libs/values/sha256.hpp"
#include "libs/values/text.hpp"
#include "libs/values/text_rules.hpp"
#include "libs/values/uuid.hpp"

namespace iris::values {
namespace {

// Each text of a localized map is trimmed, bounded and in a known language. An empty map is no
// problem here: a service cannot tell a null (which clears an optional field) from {}, so the
// gateway's JSON reader refuses {} where the contract does (libs/json, from_api_shape.cpp).
TEST(LocalizedTextTest, EachTextIsTrimmedAndChecked) {
  std::vector<InvalidField> problems;
  EXPECT_TRUE(CheckLocalizedText({}, "description", {"en"}, 10, &problems).empty());
  EXPECT_TRUE(problems.empty());
  const auto out = CheckLocalizedText({{"en", "  Serbia "}, {"xx", "?"}, {"sr-Latn", " "}}, "name",
                                      {"en", "sr-Latn"}, 5, &problems);
  EXPECT_EQ(out.at("en"), "Serbia");
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].field, "name.en");  // 6 characters, at most 5
  EXPECT_EQ(problems[1].field, "name.sr-Latn");
  EXPECT_EQ(problems[1].message, "must not be empty");
  EXPECT_EQ(problems[2].field, "name.xx");
  EXPECT_EQ(problems[2].message, "must be a language of GET /v1/languages");
}

TEST(UuidTest, AcceptsTheCanonicalFormInAnyCase) {
  EXPECT_TRUE(IsUuid("7d7c8f0e-1b7a-4c55-9d8c-3f1f2b4a5c6d"));
  EXPECT_TRUE(IsUuid("7D7C8F0E-1B7A-4C55-9D8C-3F1F2B4A5C6D"));
  EXPECT_TRUE(IsUuid("00000000-0000-0000-0000-000000000000"));
}

TEST(UuidTest, RejectsEverythingElse) {
  for (std::string_view bad :
       {"", "7d7c8f0e1b7a4c559d8c3f1f2b4a5c6d", "7d7c8f0e-1b7a-4c55-9d8c-3f1f2b4a5c6g",
        "{7d7c8f0e-1b7a-4c55-9d8c-3f1f2b4a5c6d}", "7d7c8f0e-1b7a-4c55-9d8c-3f1f2b4a5c6",
        "7d7c8f0e-1b7a-4c55-9d8c-3f1f2b4a5c6d0", "7d7c8f0e_1b7a-4c55-9d8c-3f1f2b4a5c6d",
        " 7d7c8f0e-1b7a-4c55-9d8c-3f1f2b4a5c6"}) {
    EXPECT_FALSE(IsUuid(bad)) << bad;
  }
}

TEST(Base64UrlTest, RoundTripsEveryLengthAndRejectsNonCanonicalText) {
  std::string bytes;
  for (int i = 0; i < 40; ++i) {
    auto back = Base64UrlDecode(Base64UrlEncode(bytes));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, bytes);
    bytes += static_cast<char>(i * 37 + 250);
  }
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
  EXPECT_FALSE(Base64UrlDecode("-_9").has_value());    // non-zero trailing bits
  EXPECT_FALSE(Base64UrlDecode("AAAAA").has_value());  // impossible length
  EXPECT_FALSE(Base64UrlDecode("AA==").has_value());   // padding
  EXPECT_FALSE(Base64UrlDecode("A+/A").has_value());   // standard alphabet
}

TEST(Base64UrlTest, MatchesRfc4648TestVectorsWithoutPadding) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
}

TEST(Sha256HexTest, MatchesFips180TestVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256HasherTest, PiecesGiveTheDigestOfTheWhole) {
  Sha256Hasher hasher;
  EXPECT_EQ(hasher.HexDigest(), Sha256Hex(""));
  // FIPS 180-2's two-block vector, fed in uneven pieces; then the hasher starts over.
  const std::string text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  hasher.Update(text.substr(0, 5));
  hasher.Update("");
  hasher.Update(text.substr(5));
  EXPECT_EQ(hasher.HexDigest(), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  hasher.Update("abc");
  EXPECT_EQ(hasher.HexDigest(), Sha256Hex("abc"));
}

TEST(Sha256HexTest, IsTheFormApiKeysAreStoredIn) {
  // 64 lower-case hex digits: what membership's ResolveApiKey expects (it refuses any other
  // length) and what the gateway sends it. Bytes beyond ASCII and NUL count as they are.
  const std::string key("iris_abcd1234_\xff\x00x", 17);
  const std::string hash = Sha256Hex(key);
  EXPECT_EQ(hash.size(), 64u);
  EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos) << hash;
  EXPECT_NE(hash, Sha256Hex(key.substr(0, 16)));
  // The gateway's auth_test pins the hash it sends membership to the same value.
  EXPECT_EQ(Sha256Hex("iris_abcd1234_secret"),
            "44415219ec3e71d490b41b2762bc6e858426766dbabb32278a9ac2f40df41c98");
}

TEST(CutAtCharacterTest, CutsOnlyLongTextAndNeverInsideACharacter) {
  EXPECT_EQ(CutAtCharacter("short", 10, "..."), "short");
  EXPECT_EQ(CutAtCharacter("abcdefghij", 10, "..."), "abcdefghij");
  EXPECT_EQ(CutAtCharacter("abcdefghijk", 10, "..."), "abcdefg...");
  // "aaaaaač…": the cut at 7 bytes would fall between č's two bytes; it backs off to 6.
  EXPECT_EQ(CutAtCharacter("aaaaaa\u010d\u010d\u010d", 10, "..."), "aaaaaa...");
  EXPECT_EQ(CutAtCharacter("\u010d\u010d\u010d", 4, "\u2026"), "\u2026");
}

TEST(EmailRuleTest, RefusesInvisibleUnicodeSpaceControlAndFormatCharacters) {
  EXPECT_TRUE(LooksLikeEmail("ana@example.org"));
  EXPECT_TRUE(LooksLikeEmail("jovana.petrovi\u0107@primer.rs"));  // a visible letter is fine
  for (std::string_view bad : {
           "ana\u200b@example.org",      // zero-width space (Cf)
           "ana@exam\u200dple.org",      // zero-width joiner (Cf)
           "ana\u00a0@example.org",      // no-break space (Zs)
           "ana@example.org\u2028",      // line separator (Zl)
           "\ufeffana@example.org",      // byte order mark (Cf)
           "ana\u00ad@example.org",      // soft hyphen (Cf)
           "ana\u202e@example.org",      // right-to-left override (Cf)
           "ana\u3000@example.org",      // ideographic space (Zs)
           "ana\u0085@example.org",      // next line (Cc)
           "ana\x01@example.org",        // a C0 control
           "ana @example.org",           // ASCII space
           "ana\xff@example.org",        // not UTF-8
           "ana\xc0\xa0@example.org",    // overlong
           "ana@example.org\U000e0041",  // a tag character (Cf)
       }) {
    EXPECT_FALSE(LooksLikeEmail(bad)) << bad;
  }
}

TEST(EntityTagsTest, IfNoneMatchIsAListComparedWeakly) {
  EXPECT_TRUE(NoneMatch("\"a\"", "\"a\""));
  EXPECT_TRUE(NoneMatch("W/\"a\"", "\"a\""));
  EXPECT_TRUE(NoneMatch("\"a\"", "W/\"a\""));
  EXPECT_TRUE(NoneMatch("\"x\", \t W/\"a\" ", "\"a\""));
  EXPECT_TRUE(NoneMatch("*", "\"a\""));
  EXPECT_FALSE(NoneMatch("\"x\",\"y\"", "\"a\""));
  EXPECT_FALSE(NoneMatch("a", "\"a\""));  // a tag is quoted
  EXPECT_FALSE(NoneMatch("", "\"a\""));
}

}  // namespace
}  // namespace iris::values
