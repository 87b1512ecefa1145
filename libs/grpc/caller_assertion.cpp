#include "libs/grpc/caller_assertion.hpp"

#include <atomic>
#include <stdexcept>
#include <utility>

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "libs/values/base64url.hpp"

namespace iris::grpc {
namespace {

void InitSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

int64_t UnixSeconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// Fields joined by a separator no field contains (ids, role names, country codes, scopes).
std::string IdentityKey(const identity::Caller& c) {
  return absl::StrJoin(
      {c.subject, c.role, c.organization_id, c.country, absl::StrJoin(c.scopes, ",")}, "\x1f");
}

std::string StringField(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The caller a verified payload names; nullopt unless it is our version with a subject and an
// expiry.
std::optional<identity::Caller> ParsePayload(const std::string& payload, int64_t* exp) {
  auto j = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return std::nullopt;
  auto v = j.find("v");
  auto e = j.find("exp");
  if (v == j.end() || *v != 1 || e == j.end() || !e->is_number_integer()) return std::nullopt;
  identity::Caller c;
  c.subject = StringField(j, "sub");
  if (c.subject.empty()) return std::nullopt;
  c.role = StringField(j, "role");
  c.organization_id = StringField(j, "org");
  c.country = StringField(j, "cty");
  if (auto s = j.find("scp"); s != j.end() && s->is_array()) {
    for (const auto& scope : *s) {
      if (scope.is_string()) c.scopes.push_back(scope.get<std::string>());
    }
  }
  *exp = e->get<int64_t>();
  return c;
}

std::atomic<CallerSigner*> installed_signer{nullptr};
std::atomic<CallerVerifier*> installed_verifier{nullptr};

}  // namespace

CallerKeyPair NewCallerKeyPair() {
  InitSodium();
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  // libsodium's secret key is the seed followed by the public key.
  CallerKeyPair pair{
      values::Base64UrlEncode(std::string_view(reinterpret_cast<char*>(sk), crypto_sign_SEEDBYTES)),
      values::Base64UrlEncode(std::string_view(reinterpret_cast<char*>(pk), sizeof pk))};
  sodium_memzero(sk, sizeof sk);
  return pair;
}

absl::StatusOr<std::unique_ptr<CallerSigner>> CallerSigner::FromSeed(std::string_view seed,
                                                                     WallClock clock) {
  InitSodium();
  auto raw = values::Base64UrlDecode(seed);
  if (!raw || raw->size() != crypto_sign_SEEDBYTES) {
    return absl::InvalidArgumentError("the caller signing key must be 32 bytes in base64url");
  }
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, reinterpret_cast<const unsigned char*>(raw->data()));
  sodium_memzero(raw->data(), raw->size());
  std::string secret(reinterpret_cast<char*>(sk), sizeof sk);
  sodium_memzero(sk, sizeof sk);
  return std::unique_ptr<CallerSigner>(new CallerSigner(
      std::move(secret),
      values::Base64UrlEncode(std::string_view(reinterpret_cast<char*>(pk), sizeof pk)),
      std::move(clock)));
}

CallerSigner::CallerSigner(std::string secret_key, std::string public_key, WallClock clock)
    : secret_key_(std::move(secret_key)),
      public_key_(std::move(public_key)),
      clock_(std::move(clock)) {}

std::string CallerSigner::Sign(const identity::Caller& c) {
  const auto now = clock_();
  std::string key = IdentityKey(c);
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(key);
    if (it != cache_.end() && now < it->second.renew_after) return it->second.assertion;
  }
  nlohmann::json payload = {{"v", 1},
                            {"sub", c.subject},
                            {"role", c.role},
                            {"org", c.organization_id},
                            {"cty", c.country},
                            {"scp", c.scopes},
                            {"exp", UnixSeconds(now + kAssertionLifetime)}};
  const std::string text = payload.dump();
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(text.data()),
                       text.size(), reinterpret_cast<const unsigned char*>(secret_key_.data()));
  std::string assertion =
      values::Base64UrlEncode(text) + "." +
      values::Base64UrlEncode(std::string_view(reinterpret_cast<char*>(sig), sizeof sig));
  std::lock_guard lock(mu_);
  // Callers are few (accounts), but a bound keeps a flood of distinct keys from growing it.
  if (cache_.size() >= CallerVerifier::kMaxCached) cache_.clear();
  cache_[std::move(key)] = {assertion, now + kAssertionLifetime / 2};
  return assertion;
}

absl::StatusOr<std::unique_ptr<CallerVerifier>> CallerVerifier::FromKeys(std::string_view keys,
                                                                         WallClock clock) {
  InitSodium();
  std::vector<std::string> raw_keys;
  const std::string list(keys);
  for (const std::string& key : std::vector<std::string>(absl::StrSplit(list, ','))) {
    auto raw = values::Base64UrlDecode(key);
    if (!raw || raw->size() != crypto_sign_PUBLICKEYBYTES) {
      return absl::InvalidArgumentError(
          "caller verify keys must be comma-separated 32-byte public keys in base64url");
    }
    raw_keys.push_back(*std::move(raw));
  }
  if (raw_keys.empty()) return absl::InvalidArgumentError("no caller verify key");
  return std::unique_ptr<CallerVerifier>(new CallerVerifier(std::move(raw_keys), std::move(clock)));
}

CallerVerifier::CallerVerifier(std::vector<std::string> public_keys, WallClock clock)
    : public_keys_(std::move(public_keys)), clock_(std::move(clock)) {}

std::optional<identity::Caller> CallerVerifier::Verify(std::string_view assertion) {
  if (assertion.empty() || assertion.size() > kMaxAssertionBytes) return std::nullopt;
  const auto now = clock_();
  const std::string key(assertion);
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(key);
    if (it != cache_.end()) {
      if (now < it->second.expires) return it->second.caller;
      cache_.erase(it);
      return std::nullopt;
    }
  }
  const size_t dot = assertion.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto payload = values::Base64UrlDecode(assertion.substr(0, dot));
  auto sig = values::Base64UrlDecode(assertion.substr(dot + 1));
  if (!payload || !sig || sig->size() != crypto_sign_BYTES) return std::nullopt;
  bool valid = false;
  for (const auto& pk : public_keys_) {
    if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig->data()),
                                    reinterpret_cast<const unsigned char*>(payload->data()),
                                    payload->size(),
                                    reinterpret_cast<const unsigned char*>(pk.data())) == 0) {
      valid = true;
      break;
    }
  }
  if (!valid) return std::nullopt;
  int64_t exp = 0;
  auto caller = ParsePayload(*payload, &exp);
  if (!caller) return std::nullopt;
  const auto expires =
      std::chrono::system_clock::time_point(std::chrono::seconds(exp)) + kAssertionLeeway;
  if (now >= expires) return std::nullopt;
  caller->assertion = key;
  std::lock_guard lock(mu_);
  if (cache_.size() >= kMaxCached) cache_.clear();
  cache_[key] = {*caller, expires};
  return caller;
}

void InstallCallerSigner(std::unique_ptr<CallerSigner> signer) {
  // The previous one is leaked on purpose: a call on another thread may still be using it.
  installed_signer.store(signer.release());
}

void InstallCallerVerifier(std::unique_ptr<CallerVerifier> verifier) {
  installed_verifier.store(verifier.release());
}

CallerSigner* InstalledSigner() { return installed_signer.load(std::memory_order_acquire); }
CallerVerifier* InstalledVerifier() { return installed_verifier.load(std::memory_order_acquire); }

}  // namespace iris::grpc
