// Standard Webhooks signing (https://www.standardwebhooks.com): secrets "whsec_<base64>", and
// the signature "v1,<base64 HMAC-SHA256 of {id}.{timestamp}.{body}>" keyed with the secret's
// decoded bytes. Pure computation (OpenSSL's HMAC and CSPRNG), no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace iris::notifications::domain {

inline constexpr std::string_view kSecretPrefix = "whsec_";

// Standard base64 with padding (RFC 4648 §4), the alphabet Standard Webhooks uses.
std::string Base64Encode(std::string_view bytes);
// nullopt-like error for anything that is not canonical padded base64.
absl::StatusOr<std::string> Base64Decode(std::string_view text);

// whsec_ + base64 of 32 fresh random bytes.
std::string NewWebhookSecret();

// "v1,<signature>" of one message; INVALID_ARGUMENT when `secret` is not whsec_<base64>.
absl::StatusOr<std::string> SignWebhook(std::string_view secret, std::string_view id,
                                        int64_t timestamp_seconds, std::string_view body);

// The webhook-signature header: every signature, space-separated (one per live secret).
std::string SignatureHeader(const std::vector<std::string>& signatures);

}  // namespace iris::notifications::domain
