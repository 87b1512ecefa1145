// OWASP API2:2023 Broken Authentication: forged and bent credentials sent to the running
// gateway. Tokens are forged here with OpenSSL's HMAC; the first test signs one exactly as the
// gateway does (with System::kJwtSecret) and is accepted, so every refusal below is about the
// one thing each forgery changes (RFC 8725: algorithm, key, issuer, audience, lifetime).
// Covered elsewhere and not repeated: a flipped payload character, "Bearer not.a.token",
// revocation of a key within 5 s, the per-email sign-in limit (accounts_e2e_test).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "libs/values/base64url.hpp"
#include "tests/e2e/e2e_suite.hpp"
#include "tests/security/security_support.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;

class AuthenticationSecurityTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    Start("Authn");
    member_ = SignedIn("member", {{"organization_id", org_}}, "m");
    const auto me = json::parse(As(member_, "GET", "/v1/me").body, nullptr, false);
    member_id_ = me.value("id", "");
    member_email_ = me.value("email", "");
    ASSERT_FALSE(member_id_.empty());
  }
  static void TearDownTestSuite() { Stop(); }

  static json Claims() { return GatewayJwtClaims(member_id_, "member", org_); }
  static std::string Signed(const json& header, const json& claims) {
    return SignJwt(header, claims, System::kJwtSecret);
  }
  // GET /v1/me with this Authorization: 401 invalid_token (or unauthenticated), with
  // WWW-Authenticate, and nothing of the caller's account in the answer.
  static void ExpectRefused(const std::string& authorization, const std::string& why) {
    auto r = As(authorization, "GET", "/v1/me");
    EXPECT_EQ(r.status, 401) << why << ": " << r.body;
    EXPECT_EQ(r.Header("content-type"), "application/problem+json") << why;
    EXPECT_FALSE(r.Header("www-authenticate").empty()) << why;
    EXPECT_EQ(r.body.find(member_email_), std::string::npos) << why;
  }

  static inline std::string member_, member_id_, member_email_;
};

TEST_F(AuthenticationSecurityTest, ATokenMadeAsTheGatewayMakesItIsAcceptedTheControl) {
  auto r = As("Bearer " + Signed(GatewayJwtHeader(), Claims()), "GET", "/v1/me");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["id"], member_id_);
  // "aud" may also be a list that names this API (RFC 7519 §4.1.3).
  json listed = Claims();
  listed["aud"] = {"another-api", "iris-api"};
  EXPECT_EQ(As("Bearer " + Signed(GatewayJwtHeader(), listed), "GET", "/v1/me").status, 200);
}

TEST_F(AuthenticationSecurityTest, TokensSignedWithAnyOtherKeyAreRefused) {
  const std::string secret = System::kJwtSecret;
  for (const std::string& key : {std::string(), std::string("secret"), secret + "x",
                                 secret.substr(0, secret.size() - 1), std::string("k1")}) {
    ExpectRefused("Bearer " + SignJwt(GatewayJwtHeader(), Claims(), key), "key '" + key + "'");
  }
  // A key carried in the token itself (RFC 7515 "jwk"/"jku") is not a key the gateway holds.
  json header = GatewayJwtHeader();
  header["jwk"] = {{"kty", "oct"}, {"k", values::Base64UrlEncode("attacker key")}};
  header["jku"] = "https://attacker.example.org/keys.json";
  ExpectRefused("Bearer " + SignJwt(header, Claims(), "attacker key"), "embedded jwk");
}

// RFC 8725 §3.1: the verifier, not the token, picks the algorithm.
TEST_F(AuthenticationSecurityTest, EveryAlgorithmButHs256IsRefused) {
  for (const std::string alg : {"none", "None", "NONE", "nOnE"}) {
    json header = GatewayJwtHeader();
    header["alg"] = alg;
    ExpectRefused("Bearer " + UnsignedJwt(header, Claims()), "alg " + alg + ", no signature");
    // The right signature does not rescue a header that says it has none.
    const std::string real = Signed(GatewayJwtHeader(), Claims());
    ExpectRefused("Bearer " + UnsignedJwt(header, Claims(), real.substr(real.rfind('.') + 1)),
                  "alg " + alg + " with a signature");
  }
  // Another HMAC, or a public-key algorithm whose "public key" would be our secret (the
  // algorithm confusion attack), each signed with the real secret.
  const std::vector<std::pair<std::string, Hmac>> others = {
      {"HS384", Hmac::kSha384}, {"HS512", Hmac::kSha512}, {"RS256", Hmac::kSha256},
      {"ES256", Hmac::kSha256}, {"PS256", Hmac::kSha256}, {"hs256", Hmac::kSha256},
      {"HS256 ", Hmac::kSha256}};
  for (const auto& [alg, hmac] : others) {
    json header = GatewayJwtHeader();
    header["alg"] = alg;
    ExpectRefused("Bearer " + SignJwt(header, Claims(), System::kJwtSecret, hmac), "alg " + alg);
  }
  json header = GatewayJwtHeader();
  header.erase("alg");
  ExpectRefused("Bearer " + Signed(header, Claims()), "no alg");
  header["alg"] = json::array({"HS256"});
  ExpectRefused("Bearer " + Signed(header, Claims()), "alg as a list");
}

TEST_F(AuthenticationSecurityTest, KeyIdsTheGatewayDoesNotHoldAreRefused) {
  for (const json& kid : {json("k2"), json(""), json("K1"), json("../../../dev/null"),
                          json("k1' OR '1'='1"), json(1), json(nullptr)}) {
    json header = GatewayJwtHeader();
    header["kid"] = kid;
    ExpectRefused("Bearer " + Signed(header, Claims()), "kid " + kid.dump());
  }
  json header = GatewayJwtHeader();
  header.erase("kid");
  ExpectRefused("Bearer " + Signed(header, Claims()), "no kid");
}

// Correctly signed with the real key, and each wrong in one claim.
TEST_F(AuthenticationSecurityTest, ExpiredPrematureForeignAndIncompleteTokensAreRefused) {
  const int64_t now = Claims()["iat"].get<int64_t>();
  const std::vector<std::pair<std::string, json>> changes = {
      {"expired an hour ago", {{"exp", now - 3600}, {"iat", now - 4500}}},
      {"expired past the leeway", {{"exp", now - 120}}},
      {"issued in an hour", {{"iat", now + 3600}, {"exp", now + 4200}}},
      {"exp as text", {{"exp", std::to_string(now + 600)}}},
      {"exp as a fraction", {{"exp", static_cast<double>(now) + 600.5}}},
      {"another issuer", {{"iss", "someone-else"}}},
      {"issuer in another case", {{"iss", "IRIS"}}},
      {"another audience", {{"aud", "iris-admin"}}},
      {"audience list without ours", {{"aud", {"a", "b"}}}},
      {"empty subject", {{"sub", ""}}},
      {"empty role", {{"role", ""}}}};
  for (const auto& [why, change] : changes) {
    json claims = Claims();
    claims.update(change);
    ExpectRefused("Bearer " + Signed(GatewayJwtHeader(), claims), why);
  }
  for (const char* claim : {"exp", "iat", "iss", "aud", "sub", "role"}) {
    json claims = Claims();
    claims.erase(claim);
    ExpectRefused("Bearer " + Signed(GatewayJwtHeader(), claims), std::string("no ") + claim);
  }
}

// The member's own token with its role raised, its signature kept, cut off or replaced.
TEST_F(AuthenticationSecurityTest, ARealTokenCannotBeEscalatedWithoutTheKey) {
  const std::string token = member_.substr(7);
  json claims = JwtClaimsOf(token);
  ASSERT_EQ(claims.value("role", ""), "member") << token;
  claims["role"] = "network_admin";
  const size_t dot1 = token.find('.'), dot2 = token.rfind('.');
  const std::string raised =
      token.substr(0, dot1) + "." + values::Base64UrlEncode(claims.dump()) + token.substr(dot2);
  ExpectRefused("Bearer " + raised, "role raised, signature kept");
  ExpectRefused("Bearer " + raised.substr(0, raised.rfind('.') + 1), "signature cut off");
  ExpectRefused("Bearer " + token.substr(0, dot2), "two parts");
  ExpectRefused("Bearer " + token + ".extra", "four parts");
  ExpectRefused("Bearer " + token + "=", "padded signature");
  EXPECT_EQ(As(member_, "GET", "/v1/users").status, 403) << "the real token stays a member";
}

TEST_F(AuthenticationSecurityTest, MalformedOrMisusedAuthorizationHeadersAreRefused) {
  const std::string token = member_.substr(7);
  auto signed_in =
      As("", "POST", "/v1/auth/token",
         json{{"email", member_email_}, {"password", "a long enough password m." + token_}}.dump());
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  const std::string refresh = json::parse(signed_in.body).value("refresh_token", "");
  auto key =
      As(member_, "POST", "/v1/api-keys", json{{"name", "misuse"}, {"scopes", {"read"}}}.dump());
  ASSERT_EQ(key.status, 201) << key.body;
  const std::string api_key = json::parse(key.body).value("key", "");
  const std::vector<std::string> headers = {
      std::string("Bearer"),
      "Bearer ",
      "Bearer " + token + " " + token,
      "Basic " + token,
      "Token " + token,
      token,
      "Bearer:" + token,
      "JWT " + token,
      "Bearer " + refresh,
      "Bearer " + api_key,
      "ApiKey " + token,
      "ApiKey " + refresh,
      std::string("ApiKey"),
      std::string("ApiKey iris_"),
      "ApiKey iris_" + std::string(300, 'a'),
      "ApiKey " + api_key + "x",
      "ApiKey " + api_key.substr(0, api_key.size() - 1),
      "ApiKey " + std::string("iris_00000000_") + std::string(43, 'A')};
  for (const std::string& header : headers) {
    ExpectRefused(header, header.substr(0, 40));
  }
  // A refused credential is never taken for "no credential": a public route refuses it too.
  for (const std::string& bad : {"Bearer " + token + "x", std::string("ApiKey nope")}) {
    auto r = As(bad, "GET", "/v1/countries");
    EXPECT_EQ(r.status, 401) << bad << ": " << r.body;
  }
  // An access token is not a refresh token (longer than one can be: 422 before any lookup).
  auto refreshed = As("", "POST", "/v1/auth/refresh", json{{"refresh_token", token}}.dump());
  ExpectProblem(refreshed, 422, "refresh_token");
  ExpectProblem(As("", "POST", "/v1/auth/refresh", json{{"refresh_token", api_key}}.dump()), 401);
  // The scheme's case does not matter (RFC 9110 §11.1): the control for the list above.
  EXPECT_EQ(As("bearer " + token, "GET", "/v1/me").status, 200);
  EXPECT_EQ(As("APIKEY " + api_key, "GET", "/v1/me").status, 200);
}

// Credentials travel in Authorization only: not in the query string (they would be logged and
// cached by every proxy), not in a header the contract does not name, and never twice.
TEST_F(AuthenticationSecurityTest, CredentialsAnywhereButOneAuthorizationHeaderAreRefused) {
  const std::string token = member_.substr(7);
  const std::vector<std::string> queries = {"access_token=" + token, "token=" + token,
                                            "api_key=iris_x", "authorization=Bearer%20" + token};
  for (const std::string& query : queries) {
    // Not a credential: the caller is anonymous (401 comes before the unknown parameter's
    // 400, API.md "Order of checks"); on a public route the parameter is simply unknown.
    auto r = As("", "GET", "/v1/me?" + query);
    EXPECT_EQ(r.status, 401) << query << ": " << r.body;
    auto open = As("", "GET", "/v1/organizations?" + query);
    EXPECT_EQ(open.status, 400) << query << ": " << open.body;
  }
  for (const char* name : {"X-Access-Token", "X-Auth-Token", "Cookie"}) {
    const std::string value = std::string(name) == "Cookie" ? "token=" + token : token;
    ExpectProblem(As("", "GET", "/v1/me", "", {{name, value}}), 401);
  }
  // Nor a live key in X-API-Key (the ApiKey scheme names Authorization): it counts only for
  // keeping the answer out of caches (misconfiguration_security_test).
  auto key = As(member_, "POST", "/v1/api-keys",
                json{{"name", "elsewhere " + token_}, {"scopes", {"read"}}}.dump());
  ASSERT_EQ(key.status, 201) << key.body;
  const std::string live = json::parse(key.body).value("key", "");
  ExpectProblem(As("", "GET", "/v1/me", "", {{"X-API-Key", live}}), 401);
  EXPECT_EQ(As("ApiKey " + live, "GET", "/v1/me").status, 200) << "the control";
  // Two Authorization headers: which one counts is ambiguous, so neither does (issue 11).
  const std::string admin_token = admin_.substr(7);
  auto two =
      SendRaw(system_->http_port(), RawRequest("GET", "/v1/users",
                                               {{"Authorization", "Bearer " + token},
                                                {"Authorization", "Bearer " + admin_token}}));
  EXPECT_EQ(two.status, 400) << two.body;
  auto reversed =
      SendRaw(system_->http_port(), RawRequest("GET", "/v1/users",
                                               {{"Authorization", "Bearer " + admin_token},
                                                {"Authorization", "Bearer " + token}}));
  EXPECT_EQ(reversed.status, 400) << reversed.body;
}

// Sign-in bodies that try to smuggle something past the password check. Sent from an address
// of their own: failed sign-ins count per address, and other suites share 127.0.0.1.
TEST_F(AuthenticationSecurityTest, SignInBodiesCannotBypassThePasswordCheck) {
  const std::string from = UniqueLoopbackAddress();
  auto sign_in = [&](const std::string& body) {
    return SendRaw(
        system_->http_port(),
        RawRequest("POST", "/v1/auth/token", {{"Content-Type", "application/json"}}, body), from);
  };
  for (const json& body :
       {json{{"email", member_email_}, {"password", {{"$ne", ""}}}},
        json{{"email", member_email_}, {"password", true}},
        json{{"email", member_email_}, {"password", json::array({"x"})}},
        json{{"email", {{"$gt", ""}}}, {"password", "x"}},
        json{{"email", member_email_}, {"password", "x"}, {"role", "network_admin"}},
        json{{"email", member_email_}}, json::array({member_email_, "x"})}) {
    auto r = sign_in(body.dump());
    EXPECT_EQ(r.status, 422) << body.dump() << ": " << r.body;
  }
  for (const std::string password : {"' OR '1'='1", "x' --", "\\"}) {
    auto r = sign_in(json{{"email", member_email_}, {"password", password}}.dump());
    EXPECT_EQ(r.status, 401) << r.body.substr(0, 200);
  }
  // A password far longer than any account's is refused before it is hashed.
  auto huge =
      sign_in(json{{"email", member_email_}, {"password", std::string(100 * 1024, 'p')}}.dump());
  ExpectProblem(huge, 422, "password");
  auto wildcard = sign_in(json{{"email", "%"}, {"password", "x"}}.dump());
  EXPECT_EQ(wildcard.status, 401) << wildcard.body;
  auto injected = sign_in(json{{"email", member_email_ + "' OR '1'='1"}, {"password", "x"}}.dump());
  EXPECT_EQ(injected.status, 401) << injected.body;
}

// A stolen access token is not a way to guess the account's password (POST /v1/me/password):
// wrong current passwords count like failed sign-ins of that account, and the 11th is a 429.
TEST_F(AuthenticationSecurityTest, GuessingTheCurrentPasswordIsLimitedLikeSignIn) {
  const std::string victim = SignedIn("member", {{"organization_id", org_}}, "guessed");
  const std::string from = UniqueLoopbackAddress();
  auto attempt = [&](const std::string& guess) {
    return SendRaw(system_->http_port(),
                   RawRequest("POST", "/v1/me/password",
                              {{"Authorization", victim}, {"Content-Type", "application/json"}},
                              json{{"current_password", guess},
                                   {"new_password", "the attacker's new password"}}
                                  .dump()),
                   from);
  };
  for (int i = 0; i < 10; ++i) {
    auto r = attempt("guess number " + std::to_string(i));
    ASSERT_EQ(r.status, 422) << i << " " << r.body;
    EXPECT_EQ(r.Header("ratelimit-remaining"), std::to_string(9 - i)) << i;
  }
  auto limited = attempt("guess number 10");
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_FALSE(limited.Header("retry-after").empty());
  EXPECT_EQ(As(victim, "GET", "/v1/me").status, 200) << "nothing changed";
}

}  // namespace
}  // namespace iris::testing
