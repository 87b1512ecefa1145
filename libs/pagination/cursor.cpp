#include "libs/pagination/cursor.hpp"

#include <charconv>
#include <utility>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "libs/status/status.hpp"
#include "libs/values/base64url.hpp"

namespace iris::pagination {
namespace {

using values::Base64UrlDecode;
using values::Base64UrlEncode;

// 128 bits of HMAC-SHA256 is far beyond guessing and keeps cursors short in URLs.
constexpr std::size_t kMacBytes = 16;
// Positions are a few keys; anything longer is not ours and not worth hashing.
constexpr std::size_t kMaxCursorLength = 4096;

absl::Status BadCursor() { return status::Malformed("cursor", "is not a cursor this API issued"); }

}  // namespace

absl::Status MalformedLimit() {
  return status::Malformed("limit", "must be an integer from 1 to " + std::to_string(kMaxLimit));
}

CursorCodec::CursorCodec(std::string secret) : secret_(std::move(secret)) {}

std::string CursorCodec::Mac(std::string_view payload) const {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
       reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), md, &md_len);
  return std::string(reinterpret_cast<const char*>(md), kMacBytes);
}

std::string CursorCodec::Encode(const nlohmann::json& position) const {
  const std::string payload =
      Base64UrlEncode(position.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return payload + "." + Base64UrlEncode(Mac(payload));
}

absl::StatusOr<nlohmann::json> CursorCodec::Decode(std::string_view cursor) const {
  if (cursor.size() > kMaxCursorLength) return BadCursor();
  const auto dot = cursor.find('.');
  if (dot == std::string_view::npos || dot == 0) return BadCursor();
  const std::string_view payload = cursor.substr(0, dot);
  const auto mac = Base64UrlDecode(cursor.substr(dot + 1));
  if (!mac || mac->size() != kMacBytes) return BadCursor();
  // The signature is checked before the payload is even decoded: nothing unsigned is parsed.
  const std::string expected = Mac(payload);
  if (CRYPTO_memcmp(expected.data(), mac->data(), kMacBytes) != 0) return BadCursor();
  const auto json_text = Base64UrlDecode(payload);
  if (!json_text) return BadCursor();
  auto position = nlohmann::json::parse(*json_text, nullptr, /*allow_exceptions=*/false);
  if (position.is_discarded()) return BadCursor();
  return position;
}

absl::StatusOr<int> ParseLimit(std::string_view raw) {
  if (raw.empty()) return kDefaultLimit;
  int value = 0;
  const char* end = raw.data() + raw.size();
  auto [ptr, ec] = std::from_chars(raw.data(), end, value);
  if (ec != std::errc() || ptr != end || value < 1 || value > kMaxLimit) return MalformedLimit();
  return value;
}

}  // namespace iris::pagination
