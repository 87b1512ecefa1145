// Signed caller assertions: how a service knows a call's caller came from the gateway (issue 14,
// item 8). The gateway signs the identity it authenticated (subject, role, organisation,
// country, scopes, expiry) with an Ed25519 key only it holds; services hold the public keys and
// treat a call without a valid assertion as anonymous, so reaching a service's port is not
// enough to act as anyone. A service calling another forwards the assertion it received, so the
// callee sees the original caller.
//
// The wire form is base64url(payload) "." base64url(signature), payload a JSON object
// {"v":1,"sub","role","org","cty","scp":[...],"exp":unix seconds}. The request id and the dry-run
// flag travel unsigned beside it: forging them changes a log line or makes a call write nothing.
//
// Cost: one assertion serves one caller for kLifetime (the signer re-signs when less than half
// is left) and each service verifies a given assertion once (cached until it expires), so a
// request pays a map lookup on each side, not an Ed25519 operation (~20 µs sign, ~50 µs verify).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/identity/caller.hpp"

namespace iris::grpc {

inline constexpr std::chrono::seconds kAssertionLifetime{60};
// Clocks of gateway and service replicas may disagree by this much.
inline constexpr std::chrono::seconds kAssertionLeeway{10};

using WallClock = std::function<std::chrono::system_clock::time_point()>;

// A new Ed25519 key pair, both halves base64url: `seed` for IRIS_CALLER_SIGNING_KEY (the 32-byte
// RFC 8032 private key), `public_key` for IRIS_CALLER_VERIFY_KEYS.
struct CallerKeyPair {
  std::string seed;
  std::string public_key;
};
CallerKeyPair NewCallerKeyPair();

// The gateway's half. Thread-safe.
class CallerSigner {
 public:
  // From IRIS_CALLER_SIGNING_KEY; INVALID_ARGUMENT unless it is 32 bytes of base64url.
  static absl::StatusOr<std::unique_ptr<CallerSigner>> FromSeed(
      std::string_view seed, WallClock clock = std::chrono::system_clock::now);

  // The assertion for this caller (never called for anonymous callers).
  std::string Sign(const identity::Caller& caller);

  // The public key that verifies this signer's assertions (base64url).
  const std::string& public_key() const { return public_key_; }

 private:
  CallerSigner(std::string secret_key, std::string public_key, WallClock clock);

  struct Signed {
    std::string assertion;
    std::chrono::system_clock::time_point renew_after;
  };
  const std::string secret_key_;  // libsodium's 64-byte form
  const std::string public_key_;
  const WallClock clock_;
  std::mutex mu_;
  std::unordered_map<std::string, Signed> cache_;  // identity tuple -> assertion; guarded by mu_
};

// A service's half. Thread-safe.
class CallerVerifier {
 public:
  // From IRIS_CALLER_VERIFY_KEYS: comma-separated base64url public keys (several while the
  // gateway's key rotates). INVALID_ARGUMENT when empty or any key is malformed.
  static absl::StatusOr<std::unique_ptr<CallerVerifier>> FromKeys(
      std::string_view keys, WallClock clock = std::chrono::system_clock::now);

  // The caller the assertion names, with `assertion` kept for forwarding; nullopt when the
  // signature, the payload or the expiry does not hold.
  std::optional<identity::Caller> Verify(std::string_view assertion);

  static constexpr size_t kMaxCached = 10000;
  static constexpr size_t kMaxAssertionBytes = 4096;

 private:
  CallerVerifier(std::vector<std::string> public_keys, WallClock clock);

  struct Verified {
    identity::Caller caller;
    std::chrono::system_clock::time_point expires;
  };
  const std::vector<std::string> public_keys_;  // raw 32-byte keys
  const WallClock clock_;
  std::mutex mu_;
  std::unordered_map<std::string, Verified> cache_;  // assertion -> caller; guarded by mu_
};

// The process's signer and verifier, installed once at startup (the gateway's main, a service's
// runner, a test's server) and kept for the process's life. Null until installed: without a
// signer, calls carry no identity; without a verifier, every call is anonymous.
void InstallCallerSigner(std::unique_ptr<CallerSigner> signer);
void InstallCallerVerifier(std::unique_ptr<CallerVerifier> verifier);
CallerSigner* InstalledSigner();
CallerVerifier* InstalledVerifier();

}  // namespace iris::grpc
