// Authentication and coarse access at the gateway: headers, key cache, roles and scopes.
#include "services/gateway/middleware/auth.hpp"

#include <gtest/gtest.h>

#include <map>

#include "libs/status/status.hpp"

namespace iris::gateway {
namespace {

using namespace std::chrono_literals;

JwtConfig TestKey() {
  JwtConfig cfg;
  cfg.secret = "0123456789abcdef0123456789abcdef";
  return cfg;
}

class AuthTest : public ::testing::Test {
 protected:
  AuthTest()
      : jwt_(TestKey()),
        auth_(
            jwt_,
            [this](const std::string& hash,
                   const std::string&) -> absl::StatusOr<identity::Caller> {
              ++resolver_calls_;
              if (membership_down_) return absl::UnavailableError("down");
              if (hash != iris::values::Sha256Hex(live_key_)) return absl::NotFoundError("no key");
              identity::Caller c;
              c.subject = "owner";
              c.role = "partner";
              c.scopes = {"read"};
              return c;
            },
            5s, [this] { return now_; }) {}

  absl::StatusOr<identity::Caller> With(std::string authorization) {
    http::HttpRequest r;
    r.headers.push_back({"authorization", std::move(authorization)});
    return auth_.Authenticate(r, "req-1");
  }

  Jwt jwt_;
  std::string live_key_ = "iris_abcd1234_secret";
  bool membership_down_ = false;
  int resolver_calls_ = 0;
  std::chrono::steady_clock::time_point now_{};
  Authenticator auth_;
};

TEST_F(AuthTest, NoHeaderIsAnonymous) {
  http::HttpRequest r;
  auto c = auth_.Authenticate(r, "req-1");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->anonymous());
}

TEST_F(AuthTest, BearerTokensBecomeTheirSubject) {
  JwtClaims claims;
  claims.subject = "u1";
  claims.role = "national_coordinator";
  claims.country = "RS";
  auto c = With("Bearer " + jwt_.Sign(claims));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->subject, "u1");
  EXPECT_EQ(c->country, "RS");
  EXPECT_TRUE(c->scopes.empty());
  EXPECT_TRUE(With("bearer " + jwt_.Sign(claims)).ok());  // schemes are case-insensitive
}

TEST_F(AuthTest, MalformedOrUnknownCredentialsAreUnauthenticated) {
  for (const char* bad : {"Bearer", "Bearer ", "Bearer abc.def.ghi", "Basic dXNlcjpwYXNz",
                          "ApiKey not-ours", "ApiKey iris_abcd1234_wrong", "token"}) {
    EXPECT_EQ(With(bad).status().code(), absl::StatusCode::kUnauthenticated) << bad;
  }
}

TEST_F(AuthTest, OnlyACredentialMayMakeAuthenticationWaitOnIo) {
  auto may_block = [](std::optional<std::string> authorization) {
    http::HttpRequest r;
    if (authorization) r.headers.push_back({"authorization", *authorization});
    return Authenticator::MayBlock(r);
  };
  EXPECT_FALSE(may_block(std::nullopt));
  for (const char* nothing : {"Bearer", "ApiKey", "ApiKey   ", "Basic dXNlcjpwYXNz", "token"}) {
    EXPECT_FALSE(may_block(nothing)) << nothing;
  }
  // A key is resolved by membership; a token's account state is asked of it when not cached.
  for (const char* credential : {"ApiKey iris_abcd1234_secret", "apikey   iris_x", " APIKEY k ",
                                 "Bearer abc.def.ghi", "bearer x", "  Bearer   x  "}) {
    EXPECT_TRUE(may_block(credential)) << credential;
  }
}

TEST_F(AuthTest, KeysAreCachedAtMostFiveSecondsEitherWay) {
  ASSERT_TRUE(With("ApiKey " + live_key_).ok());
  ASSERT_TRUE(With("ApiKey " + live_key_).ok());
  EXPECT_EQ(resolver_calls_, 1);
  live_key_ = "iris_revoked";  // the old key is revoked in membership
  now_ += 4s;
  EXPECT_TRUE(With("ApiKey iris_abcd1234_secret").ok());  // still cached
  now_ += 1s;
  EXPECT_EQ(With("ApiKey iris_abcd1234_secret").status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(resolver_calls_, 2);
  // Negative answers are cached too: guessing does not reach membership every time.
  EXPECT_FALSE(With("ApiKey iris_abcd1234_secret").ok());
  EXPECT_EQ(resolver_calls_, 2);
}

TEST_F(AuthTest, MembershipDownIsUnavailableAndNotCached) {
  membership_down_ = true;
  EXPECT_EQ(With("ApiKey " + live_key_).status().code(), absl::StatusCode::kUnavailable);
  membership_down_ = false;
  EXPECT_TRUE(With("ApiKey " + live_key_).ok());
}

// Account hygiene (issue 14): a token stops working once its account is disabled or has moved
// to a newer token version, within the 5 s the state is cached; membership down is a 503, not
// a pass.
TEST_F(AuthTest, TokensStopWhenTheirAccountIsDisabledOrMovesOn) {
  std::map<std::string, AccountState> accounts{{"u1", {true, 1}}};
  int asked = 0;
  bool down = false;
  Authenticator auth(
      jwt_,
      [](const std::string&, const std::string&) -> absl::StatusOr<identity::Caller> {
        return absl::NotFoundError("no key");
      },
      5s, [this] { return now_; },
      [&](const std::string& user, const std::string&) -> absl::StatusOr<AccountState> {
        ++asked;
        if (down) return absl::UnavailableError("down");
        auto it = accounts.find(user);
        if (it == accounts.end()) return absl::NotFoundError("no user");
        return it->second;
      });
  auto with = [&](const std::string& subject, int32_t version) {
    JwtClaims claims;
    claims.subject = subject;
    claims.role = "member";
    claims.organization_id = "o1";
    claims.token_version = version;
    http::HttpRequest r;
    r.headers.push_back({"authorization", "Bearer " + jwt_.Sign(claims)});
    return auth.Authenticate(r, "req-1").status();
  };
  EXPECT_TRUE(with("u1", 1).ok());
  EXPECT_TRUE(with("u1", 1).ok());
  EXPECT_EQ(asked, 1);  // cached
  accounts["u1"].active = false;
  now_ += 4s;
  EXPECT_TRUE(with("u1", 1).ok());  // still the cached state
  now_ += 1s;
  auto disabled = with("u1", 1);
  EXPECT_EQ(disabled.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(iris::status::DetailOf(disabled).reason(), "account_disabled");
  accounts["u1"] = {true, 2};  // enabled again: tokens issued before stay dead
  now_ += 5s;
  auto old = with("u1", 1);
  EXPECT_EQ(iris::status::DetailOf(old).reason(), "invalid_token");
  EXPECT_TRUE(with("u1", 2).ok());
  EXPECT_EQ(iris::status::DetailOf(with("gone", 1)).reason(), "invalid_token");
  // A token newer than the cached state (issued right after a password change) asks again.
  accounts["u1"] = {true, 3};
  const int before = asked;
  EXPECT_TRUE(with("u1", 3).ok());
  EXPECT_EQ(asked, before + 1);
  down = true;
  EXPECT_EQ(with("u3", 1).code(), absl::StatusCode::kUnavailable);
  down = false;
  EXPECT_EQ(iris::status::DetailOf(with("u3", 1)).reason(),
            "invalid_token");  // the outage was not cached
}

// A verified token is remembered by its bytes for at most the cache time and never past its
// expiry: a forged one is checked every time, and nothing outlives what Verify would accept.
TEST_F(AuthTest, VerifiedTokensAreRememberedBrieflyAndNeverPastTheirExpiry) {
  auto wall = std::chrono::system_clock::now();
  JwtConfig config;
  config.secret = std::string(40, 'k');
  config.ttl = 60s;
  config.leeway = 0s;
  Jwt short_lived(config, [&wall] { return wall; });
  Authenticator auth(
      short_lived,
      [](const std::string&, const std::string&) -> absl::StatusOr<identity::Caller> {
        return absl::NotFoundError("no key");
      },
      5s, [this] { return now_; });
  JwtClaims claims;
  claims.subject = "u1";
  claims.role = "member";
  claims.organization_id = "o1";
  const std::string token = short_lived.Sign(claims);
  auto with = [&](const std::string& t) {
    http::HttpRequest r;
    r.headers.push_back({"authorization", "Bearer " + t});
    return auth.Authenticate(r, "req-1").status();
  };
  auto advance = [&](std::chrono::seconds d) {  // both clocks, as real time does
    wall += d;
    now_ += d;
  };
  EXPECT_TRUE(with(token).ok());
  advance(57s);  // three seconds of life left: remembered for those three at most
  EXPECT_TRUE(with(token).ok());
  advance(2s);
  EXPECT_TRUE(with(token).ok());
  advance(1s);
  EXPECT_FALSE(with(token).ok()) << "remembered past its expiry";
  std::string forged = token;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(with(forged).ok());
  EXPECT_FALSE(with(forged).ok()) << "a refusal is checked again, not remembered as a pass";
}

TEST_F(AuthTest, KeysAreLookedUpByTheHashMembershipStoresThemUnder) {
  // Membership stores iris::values::Sha256Hex(key) when it issues a key; the gateway must ask
  // for exactly that, or no key would ever resolve. The literal pins the algorithm and its form
  // (lower-case hex SHA-256 of the whole key) against either side drifting.
  std::string asked;
  Authenticator auth(
      jwt_,
      [&asked](const std::string& hash, const std::string&) -> absl::StatusOr<identity::Caller> {
        asked = hash;
        return absl::NotFoundError("no key");
      },
      5s, [this] { return now_; });
  http::HttpRequest r;
  r.headers.push_back({"authorization", "ApiKey iris_abcd1234_secret"});
  EXPECT_FALSE(auth.Authenticate(r, "req-1").ok());
  EXPECT_EQ(asked, iris::values::Sha256Hex("iris_abcd1234_secret"));
  EXPECT_EQ(asked, "44415219ec3e71d490b41b2762bc6e858426766dbabb32278a9ac2f40df41c98");
}

Route RouteWith(Access access, std::string path = "/v1/things") {
  return {Method::kGet, std::move(path), access, Body::kNone, nullptr};
}

identity::Caller As(std::string role, std::vector<std::string> scopes = {}) {
  identity::Caller c;
  c.subject = "someone";
  c.role = std::move(role);
  c.scopes = std::move(scopes);
  return c;
}

TEST(CheckAccessTest, AnonymousIs401AndAMissingRoleIs403) {
  const identity::Caller anonymous;
  EXPECT_TRUE(CheckAccess(RouteWith(Access::kPublic), anonymous).ok());
  for (auto a : {Access::kAuthenticated, Access::kStaff, Access::kNetworkAdmin}) {
    EXPECT_EQ(CheckAccess(RouteWith(a), anonymous).code(), absl::StatusCode::kUnauthenticated);
  }
  EXPECT_TRUE(CheckAccess(RouteWith(Access::kAuthenticated), As("member")).ok());
  EXPECT_EQ(CheckAccess(RouteWith(Access::kStaff), As("member")).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(CheckAccess(RouteWith(Access::kStaff), As("national_coordinator")).ok());
  EXPECT_EQ(CheckAccess(RouteWith(Access::kNetworkAdmin), As("national_coordinator")).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(CheckAccess(RouteWith(Access::kNetworkAdmin), As("network_admin")).ok());
}

TEST(CheckAccessTest, KeysNeedTheRoutesScope) {
  const auto get = RouteWith(Access::kAuthenticated);
  auto post = RouteWith(Access::kAuthenticated);
  post.method = Method::kPost;
  auto del = post;
  del.method = Method::kDelete;
  EXPECT_EQ(NeededScope(get), "read");
  EXPECT_EQ(NeededScope(post), "write");
  EXPECT_TRUE(CheckAccess(get, As("partner", {"read"})).ok());
  EXPECT_EQ(CheckAccess(post, As("partner", {"read"})).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(CheckAccess(del, As("partner", {"read"})).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(CheckAccess(post, As("partner", {"read", "write"})).ok());
  EXPECT_TRUE(CheckAccess(get, As("partner", {"write"})).ok());  // write also reads
  auto webhooks = RouteWith(Access::kAuthenticated, "/v1/webhooks");
  webhooks.method = Method::kPost;
  webhooks.scope = "webhooks:manage";
  EXPECT_TRUE(CheckAccess(webhooks, As("partner", {"webhooks:manage"})).ok());
  EXPECT_EQ(CheckAccess(webhooks, As("partner", {"write"})).code(),
            absl::StatusCode::kPermissionDenied);
  // A webhooks key manages webhooks and nothing else.
  EXPECT_EQ(CheckAccess(get, As("partner", {"webhooks:manage"})).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(CheckAccess(del, As("partner", {"webhooks:manage"})).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(CheckAccess(post, As("partner")).ok());  // tokens have no scopes
}

}  // namespace
}  // namespace iris::gateway
