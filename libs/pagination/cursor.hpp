// Opaque, tamper-evident list cursors and the `limit` query parameter.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"

namespace iris::pagination {

// Page sizes of every list (API.md): `limit` defaults to 50 and may go up to 200. The only
// definition: services (KeysetRequestOf) and the gateway (ParseLimit) both read these.
inline constexpr int kDefaultLimit = 50, kMaxLimit = 200;

// A cursor is base64url(compact JSON position) + "." + base64url(first 16 bytes of
// HMAC-SHA256(secret, first part)), both unpadded. Clients cannot read meaning into it or forge
// a position (say, another tenant's keyset), and a cursor from another deployment is rejected.
class CursorCodec {
 public:
  explicit CursorCodec(std::string secret);

  std::string Encode(const nlohmann::json& position) const;
  // Bad format, bad signature or a payload that is not JSON: INVALID_ARGUMENT, reason
  // "malformed", field error "cursor" (400 at the gateway).
  absl::StatusOr<nlohmann::json> Decode(std::string_view cursor) const;

 private:
  std::string Mac(std::string_view payload) const;

  std::string secret_;
};

// The `limit` query value: empty -> kDefaultLimit; anything but an integer in 1..kMaxLimit is
// MalformedLimit().
absl::StatusOr<int> ParseLimit(std::string_view raw);

// INVALID_ARGUMENT, reason "malformed", field "limit": the answer to any limit outside
// 1..kMaxLimit, wherever it is read.
absl::Status MalformedLimit();

}  // namespace iris::pagination
