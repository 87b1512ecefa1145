// Caller assertions: only the gateway's key makes a caller, nothing in one can be changed, and
// none outlives its expiry.
#include "libs/grpc/caller_assertion.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace iris::grpc {
namespace {

using std::chrono::seconds;
using std::chrono::system_clock;

const system_clock::time_point kT0 = system_clock::time_point(seconds(1'800'000'000));

identity::Caller Admin() {
  identity::Caller c;
  c.subject = "7d1c2f0e-0000-4000-8000-000000000001";
  c.role = "network_admin";
  c.organization_id = "org-1";
  c.country = "RS";
  c.scopes = {"read", "write"};
  c.request_id = "req-1";  // travels unsigned
  return c;
}

struct Keys {
  CallerKeyPair pair = NewCallerKeyPair();
  system_clock::time_point now = kT0;
  std::unique_ptr<CallerSigner> signer = *CallerSigner::FromSeed(pair.seed, [this] { return now; });
  std::unique_ptr<CallerVerifier> verifier =
      *CallerVerifier::FromKeys(pair.public_key, [this] { return now; });
};

TEST(CallerAssertionTest, RoundTripKeepsEveryClaimAndTheAssertion) {
  Keys k;
  const std::string assertion = k.signer->Sign(Admin());
  auto c = k.verifier->Verify(assertion);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->subject, Admin().subject);
  EXPECT_EQ(c->role, "network_admin");
  EXPECT_EQ(c->organization_id, "org-1");
  EXPECT_EQ(c->country, "RS");
  EXPECT_EQ(c->scopes, (std::vector<std::string>{"read", "write"}));
  EXPECT_EQ(c->assertion, assertion);
  EXPECT_TRUE(c->request_id.empty());
  EXPECT_EQ(k.signer->public_key(), k.pair.public_key);
}

TEST(CallerAssertionTest, AnotherKeyIsRefused) {
  Keys gateway;
  Keys intruder;
  EXPECT_FALSE(gateway.verifier->Verify(intruder.signer->Sign(Admin())).has_value());
}

TEST(CallerAssertionTest, AChangedPayloadOrSignatureIsRefused) {
  Keys k;
  const std::string assertion = k.signer->Sign(Admin());
  const size_t dot = assertion.find('.');
  ASSERT_NE(dot, std::string::npos);
  for (size_t at : {size_t{0}, dot / 2, dot - 1, dot + 1, assertion.size() - 2}) {
    std::string changed = assertion;
    changed[at] = changed[at] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(k.verifier->Verify(changed).has_value()) << "changed at " << at;
  }
  for (const std::string& bad :
       {std::string(), std::string("."), std::string("abc"), assertion.substr(0, dot),
        assertion + "x", std::string(CallerVerifier::kMaxAssertionBytes + 1, 'A')}) {
    EXPECT_FALSE(k.verifier->Verify(bad).has_value()) << bad.substr(0, 40);
  }
}

TEST(CallerAssertionTest, ExpiresAfterItsLifetimeAndTheLeeway) {
  Keys k;
  const std::string assertion = k.signer->Sign(Admin());
  k.now = kT0 + kAssertionLifetime + kAssertionLeeway - seconds(1);
  EXPECT_TRUE(k.verifier->Verify(assertion).has_value());  // cached from now on
  k.now = kT0 + kAssertionLifetime + kAssertionLeeway;
  EXPECT_FALSE(k.verifier->Verify(assertion).has_value());  // the cache expires it too

  Keys fresh;  // never seen before: refused without the cache
  const std::string old = fresh.signer->Sign(Admin());
  fresh.now = kT0 + kAssertionLifetime + kAssertionLeeway + seconds(1);
  EXPECT_FALSE(fresh.verifier->Verify(old).has_value());
}

TEST(CallerAssertionTest, SignerReusesAnAssertionUntilHalfItsLifeIsGone) {
  Keys k;
  const std::string first = k.signer->Sign(Admin());
  k.now = kT0 + kAssertionLifetime / 2 - seconds(1);
  EXPECT_EQ(k.signer->Sign(Admin()), first);
  identity::Caller other = Admin();
  other.role = "member";
  EXPECT_NE(k.signer->Sign(other), first);  // each identity its own
  k.now = kT0 + kAssertionLifetime / 2;
  const std::string renewed = k.signer->Sign(Admin());
  EXPECT_NE(renewed, first);
  k.now = kT0 + kAssertionLifetime + kAssertionLifetime / 2;  // first is long expired
  EXPECT_TRUE(k.verifier->Verify(renewed).has_value());
  EXPECT_FALSE(k.verifier->Verify(first).has_value());
}

TEST(CallerAssertionTest, SeveralVerifyKeysWhileTheSigningKeyRotates) {
  Keys old_key;
  Keys new_key;
  auto verifier = *CallerVerifier::FromKeys(old_key.pair.public_key + "," + new_key.pair.public_key,
                                            [] { return kT0; });
  EXPECT_TRUE(verifier->Verify(old_key.signer->Sign(Admin())).has_value());
  EXPECT_TRUE(verifier->Verify(new_key.signer->Sign(Admin())).has_value());
}

TEST(CallerAssertionTest, MalformedKeysAreRefused) {
  const CallerKeyPair pair = NewCallerKeyPair();
  EXPECT_FALSE(CallerSigner::FromSeed("").ok());
  EXPECT_FALSE(CallerSigner::FromSeed(pair.seed + "AA").ok());
  EXPECT_FALSE(CallerSigner::FromSeed("not base64url!").ok());
  EXPECT_TRUE(CallerSigner::FromSeed(pair.seed).ok());
  EXPECT_FALSE(CallerVerifier::FromKeys("").ok());
  EXPECT_FALSE(CallerVerifier::FromKeys(pair.public_key + ",").ok());
  EXPECT_FALSE(CallerVerifier::FromKeys(pair.seed.substr(1)).ok());
  EXPECT_TRUE(CallerVerifier::FromKeys(pair.public_key).ok());
}

}  // namespace
}  // namespace iris::grpc
