#include "libs/pagination/cursor.hpp"

#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "libs/pagination/tests/expect_malformed.hpp"
#include "libs/status/problem.hpp"
#include "libs/status/status.hpp"
#include "libs/values/base64url.hpp"

namespace iris::pagination {
namespace {

using nlohmann::json;
using values::Base64UrlEncode;

// Flips one character to another of the base64url alphabet.
std::string Flip(std::string s, std::size_t i) {
  s[i] = s[i] == 'A' ? 'B' : 'A';
  return s;
}

TEST(CursorCodecTest, RoundTripsAPosition) {
  CursorCodec codec("s3cret");
  const json position = {{"created_at", "2024-05-01T12:00:00.123Z"},
                         {"id", "0b9f6c1e-5f0e-4c52-9a53-2e0f0c4b1f7d"},
                         {"n", 9007199254740993LL},
                         {"name", "Ђорђе"}};
  const std::string cursor = codec.Encode(position);
  auto back = codec.Decode(cursor);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, position);
}

TEST(CursorCodecTest, CursorIsUrlSafeAndOpaque) {
  CursorCodec codec("s3cret");
  const std::string cursor = codec.Encode({{"id", "abc?&=/+"}});
  EXPECT_EQ(
      cursor.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."),
      std::string::npos)
      << cursor;
  EXPECT_EQ(cursor.find("abc"), std::string::npos);
}

TEST(CursorCodecTest, RejectsATamperedPayload) {
  CursorCodec codec("s3cret");
  const std::string cursor = codec.Encode({{"id", 41}});
  // Re-sign nothing, just swap in the payload of a position the client would like.
  const std::string forged = Base64UrlEncode(R"({"id":42})") + cursor.substr(cursor.find('.'));
  ExpectMalformedField(codec.Decode(forged).status(), "cursor");
  ExpectMalformedField(codec.Decode(Flip(cursor, 0)).status(), "cursor");
}

TEST(CursorCodecTest, RejectsATamperedMac) {
  CursorCodec codec("s3cret");
  const std::string cursor = codec.Encode({{"id", 41}});
  ExpectMalformedField(codec.Decode(Flip(cursor, cursor.size() - 2)).status(), "cursor");
  ExpectMalformedField(codec.Decode(cursor.substr(0, cursor.size() - 1)).status(), "cursor");
  ExpectMalformedField(codec.Decode(cursor + "AA").status(), "cursor");
}

TEST(CursorCodecTest, RejectsACursorSignedWithAnotherSecret) {
  const std::string cursor = CursorCodec("staging").Encode({{"id", 1}});
  EXPECT_TRUE(CursorCodec("staging").Decode(cursor).ok());
  ExpectMalformedField(CursorCodec("production").Decode(cursor).status(), "cursor");
}

TEST(CursorCodecTest, RejectsGarbage) {
  CursorCodec codec("s3cret");
  for (std::string_view junk : {"", ".", "abc", "abc.", ".abc", "a.b.c", "!!!.???",
                                "eyJpZCI6MX0=.AAAA", "not a cursor at all"}) {
    ExpectMalformedField(codec.Decode(junk).status(), "cursor");
  }
  ExpectMalformedField(codec.Decode(std::string(10000, 'A') + ".AAAA").status(), "cursor");
}

// What a holder of the secret could sign, computed independently of the codec.
std::string SignLikeTheCodec(const std::string& secret, const std::string& payload) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), md, &len);
  return payload + "." + Base64UrlEncode(std::string(reinterpret_cast<char*>(md), 16));
}

TEST(CursorCodecTest, UsesTruncatedHmacSha256OverThePayload) {
  CursorCodec codec("s3cret");
  const std::string payload = Base64UrlEncode(R"({"id":7})");
  EXPECT_EQ(codec.Encode({{"id", 7}}), SignLikeTheCodec("s3cret", payload));
}

TEST(CursorCodecTest, RejectsASignedPayloadThatIsNotJson) {
  CursorCodec codec("s3cret");
  const std::string cursor = SignLikeTheCodec("s3cret", Base64UrlEncode("{not json"));
  ExpectMalformedField(codec.Decode(cursor).status(), "cursor");
}

TEST(ParseLimitTest, EmptyMeansTheDefault) { EXPECT_EQ(*ParseLimit(""), kDefaultLimit); }

TEST(ParseLimitTest, AcceptsOneToTheMaximum) {
  EXPECT_EQ(*ParseLimit("1"), 1);
  EXPECT_EQ(*ParseLimit("25"), 25);
  EXPECT_EQ(*ParseLimit("200"), kMaxLimit);
}

TEST(ParseLimitTest, RejectsAnythingElseAsMalformed) {
  ExpectMalformedField(MalformedLimit(), "limit");
  for (std::string_view raw :
       {"0", "201", "-1", "abc", "10abc", " 10", "1.5", "+5", "99999999999999999999"}) {
    SCOPED_TRACE(raw);
    ExpectMalformedField(ParseLimit(raw).status(), "limit");
  }
}

}  // namespace
}  // namespace iris::pagination
