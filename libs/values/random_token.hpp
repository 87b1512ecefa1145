// Secrets handed out once (refresh tokens, status links): `prefix` + 32 random bytes in
// base64url. The prefix tells a leaked secret's kind at a glance (secret scanners match it);
// 256 bits make guessing hopeless, so lookups by the secret's SHA-256 need no rate limit.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace iris::values {

// Longer than any token RandomToken makes (a prefix and 43 characters), with room for the
// format to change: a longer one is not ours, and is refused before it is hashed.
inline constexpr size_t kMaxTokenLength = 128;

// OpenSSL's CSPRNG; throws std::runtime_error if it fails (it does not on a seeded system).
std::string RandomToken(std::string_view prefix);

}  // namespace iris::values
