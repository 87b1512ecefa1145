// Unpadded base64url (RFC 4648 §5), the alphabet that survives query strings untouched: list
// cursors, JWTs and the secret part of API keys use it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace iris::values {

std::string Base64UrlEncode(std::string_view bytes);
// nullopt for characters outside the alphabet, padding, an impossible length or non-zero
// trailing bits, so every byte string has exactly one accepted encoding.
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace iris::values
