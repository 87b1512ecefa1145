// Access tokens: what verifies and every way a forged or stale token is refused.
#include "services/gateway/middleware/jwt.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "libs/status/status.hpp"
#include "libs/values/base64url.hpp"

namespace iris::gateway {
namespace {

using iris::values::Base64UrlDecode;
using iris::values::Base64UrlEncode;
using namespace std::chrono_literals;

const std::string kSecret = "0123456789abcdef0123456789abcdef";

class JwtTest : public ::testing::Test {
 protected:
  Jwt Make(JwtConfig cfg = {}) {
    if (cfg.secret.empty()) cfg.secret = kSecret;
    return Jwt(cfg, [this] { return now_; });
  }
  static JwtClaims Claims() {
    JwtClaims c;
    c.subject = "7d7c8f0e-1b7a-4c55-9d8c-3f1f2b4a5c6d";
    c.role = "member";
    c.organization_id = "11111111-2222-3333-4444-555555555555";
    return c;
  }
  // Rebuilds `token` with header/payload edited (signature kept unless `resign_with`).
  static std::string Edit(const std::string& token, std::function<void(nlohmann::json&)> header,
                          std::function<void(nlohmann::json&)> payload) {
    const size_t d1 = token.find('.'), d2 = token.rfind('.');
    auto h = nlohmann::json::parse(*Base64UrlDecode(token.substr(0, d1)));
    auto p = nlohmann::json::parse(*Base64UrlDecode(token.substr(d1 + 1, d2 - d1 - 1)));
    if (header) header(h);
    if (payload) payload(p);
    return Base64UrlEncode(h.dump()) + "." + Base64UrlEncode(p.dump()) + token.substr(d2);
  }
  static void ExpectRefused(const absl::StatusOr<JwtClaims>& r) {
    EXPECT_EQ(r.status().code(), absl::StatusCode::kUnauthenticated);
    EXPECT_EQ(iris::status::DetailOf(r.status()).reason(), "invalid_token");
  }

  std::chrono::system_clock::time_point now_ =
      std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));
};

TEST_F(JwtTest, ASignedTokenVerifiesWithItsClaims) {
  auto jwt = Make();
  auto token = jwt.Sign(Claims());
  auto claims = jwt.Verify(token);
  ASSERT_TRUE(claims.ok()) << claims.status();
  EXPECT_EQ(claims->subject, Claims().subject);
  EXPECT_EQ(claims->role, "member");
  EXPECT_EQ(claims->organization_id, Claims().organization_id);
  EXPECT_EQ(claims->expires_at - claims->issued_at, 900);
  auto header = nlohmann::json::parse(*Base64UrlDecode(token.substr(0, token.find('.'))));
  EXPECT_EQ(header, (nlohmann::json{{"alg", "HS256"}, {"typ", "JWT"}, {"kid", "k1"}}));
}

TEST_F(JwtTest, ATamperedPayloadIsRefused) {
  auto jwt = Make();
  auto token =
      Edit(jwt.Sign(Claims()), nullptr, [](nlohmann::json& p) { p["role"] = "network_admin"; });
  ExpectRefused(jwt.Verify(token));
}

TEST_F(JwtTest, AlgorithmNoneAndOtherAlgorithmsAreRefused) {
  auto jwt = Make();
  const auto token = jwt.Sign(Claims());
  for (const char* alg : {"none", "RS256", "HS512", "hs256"}) {
    ExpectRefused(jwt.Verify(Edit(
        token, [alg](nlohmann::json& h) { h["alg"] = alg; }, nullptr)));
  }
  // "none" with the signature stripped, the classic forgery.
  auto unsigned_token = Edit(
      token, [](nlohmann::json& h) { h["alg"] = "none"; }, nullptr);
  ExpectRefused(jwt.Verify(unsigned_token.substr(0, unsigned_token.rfind('.') + 1)));
}

TEST_F(JwtTest, UnknownKeyIdIsRefusedAndPreviousKeysStillVerify) {
  JwtConfig old_cfg;
  old_cfg.kid = "k0";
  old_cfg.secret = "an older secret of thirty-two chars!";
  const auto old_token = Make(old_cfg).Sign(Claims());

  ExpectRefused(Make().Verify(old_token));  // k0 unknown to a gateway knowing only k1
  JwtConfig rotated;
  rotated.previous_keys = {{"k0", old_cfg.secret}};
  EXPECT_TRUE(Make(rotated).Verify(old_token).ok());
  ExpectRefused(Make().Verify(Edit(
      Make().Sign(Claims()), [](nlohmann::json& h) { h.erase("kid"); }, nullptr)));
}

TEST_F(JwtTest, ExpiredTokensAreRefusedAfterThirtySecondsOfLeeway) {
  auto jwt = Make();
  const auto token = jwt.Sign(Claims());
  now_ += 900s + 29s;
  EXPECT_TRUE(jwt.Verify(token).ok());
  now_ += 1s;
  ExpectRefused(jwt.Verify(token));
}

TEST_F(JwtTest, WrongIssuerWrongSecretAndGarbageAreRefused) {
  JwtConfig other;
  other.issuer = "someone-else";
  ExpectRefused(Make().Verify(Make(other).Sign(Claims())));
  JwtConfig other_secret;
  other_secret.secret = "a different secret of 32+ characters";
  ExpectRefused(Make().Verify(Make(other_secret).Sign(Claims())));
  for (const char* garbage : {"", "a.b", "a.b.c", "...", "x.y.z.w", "eyJhbGciOiJIUzI1NiJ9.e30."}) {
    ExpectRefused(Make().Verify(garbage));
  }
}

// RFC 8725 §3.9 and §3.10: a token of the same issuer and key made for another audience, or
// one without an audience, is refused; so is one issued further ahead than the leeway.
TEST_F(JwtTest, AnotherAudienceOrAFutureIssueTimeIsRefused) {
  JwtConfig other;
  other.audience = "iris-webhooks";
  ExpectRefused(Make().Verify(Make(other).Sign(Claims())));
  JwtConfig none;
  none.audience = "";
  ExpectRefused(Make().Verify(Make(none).Sign(Claims())));
  auto jwt = Make();
  const auto future = jwt.Sign(Claims());
  now_ -= 31s;  // the verifier's clock is behind the signer's by more than the leeway
  ExpectRefused(jwt.Verify(future));
  now_ += 2s;
  EXPECT_TRUE(jwt.Verify(future).ok()) << "29 s ahead is within the leeway";
}

TEST_F(JwtTest, PreviousKeyListsParseOrFailClearly) {
  auto ok = Jwt::ParseKeyList("k0:first secret, k-1:second");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->at("k0"), "first secret");
  EXPECT_EQ(ok->at("k-1"), "second");
  EXPECT_TRUE(Jwt::ParseKeyList("")->empty());
  EXPECT_FALSE(Jwt::ParseKeyList("nocolon").ok());
  EXPECT_FALSE(Jwt::ParseKeyList(":secret").ok());
}

}  // namespace
}  // namespace iris::gateway
