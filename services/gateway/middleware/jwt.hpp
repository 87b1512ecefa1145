// HS256 JSON Web Tokens signed and verified by the gateway (RFC 7519, RFC 8725 practices):
// the algorithm is pinned, the key id must be known, signatures compare in constant time.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace iris::gateway {

struct JwtConfig {
  std::string kid = "k1";  // names `secret` in the token header
  std::string secret;      // the signing key
  // Keys of earlier rotations: still accepted, never used to sign. kid -> secret.
  std::map<std::string, std::string> previous_keys;
  std::chrono::seconds ttl{900};
  std::chrono::seconds leeway{30};  // clock skew tolerated on exp
  std::string issuer = "iris";
  // RFC 8725 §3.9: a token names who it is for; one made for another service of the same
  // issuer (and key) is not accepted here.
  std::string audience = "iris-api";
};

// What a token says about its subject.
struct JwtClaims {
  std::string subject;  // user id
  std::string role;
  std::string organization_id;
  std::string country;
  int64_t issued_at = 0;   // Unix seconds
  int64_t expires_at = 0;  // Unix seconds
  // Claim "tv": the account's token version when issued; the gateway refuses the token once
  // the account has moved on (password changed, disabled).
  int32_t token_version = 1;
};

class Jwt {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;
  explicit Jwt(
      JwtConfig cfg, Clock clock = [] { return std::chrono::system_clock::now(); });

  // Sets issued_at and expires_at (now + ttl) and signs with the current key.
  std::string Sign(JwtClaims claims) const;
  // UNAUTHENTICATED (reason invalid_token) for anything but a well-formed, HS256, known-kid,
  // correctly signed token from our issuer for our audience, unexpired and not issued in the
  // future (both with the leeway).
  absl::StatusOr<JwtClaims> Verify(std::string_view token) const;

  std::chrono::seconds ttl() const { return cfg_.ttl; }

  // How long a token with these (verified) claims stays acceptable from now: until its expiry
  // plus the leeway; zero or less once it is not.
  std::chrono::seconds Remaining(const JwtClaims& claims) const;

  // "kid:secret,kid2:secret2" (IRIS_JWT_PREVIOUS_KEYS); INVALID_ARGUMENT when malformed.
  static absl::StatusOr<std::map<std::string, std::string>> ParseKeyList(std::string_view list);

 private:
  const JwtConfig cfg_;
  const Clock clock_;
};

}  // namespace iris::gateway
