#include "services/gateway/middleware/jwt.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "libs/status/status.hpp"
#include "libs/values/base64url.hpp"

namespace iris::gateway {
namespace {

using iris::values::Base64UrlDecode;
using iris::values::Base64UrlEncode;

absl::Status InvalidToken(std::string_view why) {
  return iris::status::WithDetail(absl::UnauthenticatedError(std::string(why)), "invalid_token");
}

std::string HmacSha256(const std::string& key, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  return std::string(reinterpret_cast<const char*>(mac), len);
}

int64_t UnixSeconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::string StringClaim(const nlohmann::json& claims, const char* name) {
  auto it = claims.find(name);
  return it != claims.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Jwt::Jwt(JwtConfig cfg, Clock clock) : cfg_(std::move(cfg)), clock_(std::move(clock)) {}

std::chrono::seconds Jwt::Remaining(const JwtClaims& claims) const {
  return std::chrono::seconds(claims.expires_at + cfg_.leeway.count() - UnixSeconds(clock_()));
}

std::string Jwt::Sign(JwtClaims c) const {
  c.issued_at = UnixSeconds(clock_());
  c.expires_at = c.issued_at + cfg_.ttl.count();
  const nlohmann::json header = {{"alg", "HS256"}, {"typ", "JWT"}, {"kid", cfg_.kid}};
  const nlohmann::json payload = {
      {"iss", cfg_.issuer}, {"aud", cfg_.audience},     {"sub", c.subject},
      {"role", c.role},     {"org", c.organization_id}, {"country", c.country},
      {"iat", c.issued_at}, {"exp", c.expires_at},      {"tv", c.token_version}};
  std::string signing_input =
      Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(payload.dump());
  const std::string mac = HmacSha256(cfg_.secret, signing_input);
  return signing_input + "." + Base64UrlEncode(mac);
}

absl::StatusOr<JwtClaims> Jwt::Verify(std::string_view token) const {
  const size_t dot1 = token.find('.');
  const size_t dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return InvalidToken("the token is malformed");
  }
  const std::string_view parts[3] = {token.substr(0, dot1), token.substr(dot1 + 1, dot2 - dot1 - 1),
                                     token.substr(dot2 + 1)};
  const auto header_text = Base64UrlDecode(parts[0]);
  const auto payload_text = Base64UrlDecode(parts[1]);
  const auto mac = Base64UrlDecode(parts[2]);
  if (!header_text || !payload_text || !mac) return InvalidToken("the token is malformed");
  const auto header = nlohmann::json::parse(*header_text, nullptr, false);
  if (!header.is_object()) return InvalidToken("the token is malformed");
  // RFC 8725 §3.1: the verifier decides the algorithm; "none" and public-key algorithms (the
  // HS/RS confusion) are refused outright.
  if (StringClaim(header, "alg") != "HS256")
    return InvalidToken("the token's algorithm is refused");
  const std::string kid = StringClaim(header, "kid");
  const std::string* key = nullptr;
  if (kid == cfg_.kid) {
    key = &cfg_.secret;
  } else if (auto it = cfg_.previous_keys.find(kid); it != cfg_.previous_keys.end()) {
    key = &it->second;
  }
  if (key == nullptr) return InvalidToken("the token's key is unknown");
  const size_t signed_len = parts[0].size() + 1 + parts[1].size();
  const std::string expected = HmacSha256(*key, token.substr(0, signed_len));
  if (mac->size() != expected.size() ||
      CRYPTO_memcmp(mac->data(), expected.data(), expected.size()) != 0) {
    return InvalidToken("the token's signature is wrong");
  }
  const auto claims = nlohmann::json::parse(*payload_text, nullptr, false);
  if (!claims.is_object()) return InvalidToken("the token is malformed");
  if (StringClaim(claims, "iss") != cfg_.issuer) return InvalidToken("the token's issuer is wrong");
  // "aud" is a string or a list of strings (RFC 7519 §4.1.3); ours must be among them.
  const auto aud = claims.find("aud");
  const bool for_us =
      aud != claims.end() &&
      ((aud->is_string() && aud->get<std::string>() == cfg_.audience) ||
       (aud->is_array() && std::any_of(aud->begin(), aud->end(), [this](const auto& a) {
          return a.is_string() && a.template get<std::string>() == cfg_.audience;
        })));
  if (!for_us) return InvalidToken("the token is not for this API");
  auto exp = claims.find("exp");
  auto iat = claims.find("iat");
  if (exp == claims.end() || !exp->is_number_integer() || iat == claims.end() ||
      !iat->is_number_integer()) {
    return InvalidToken("the token is malformed");
  }
  JwtClaims out;
  out.subject = StringClaim(claims, "sub");
  out.role = StringClaim(claims, "role");
  out.organization_id = StringClaim(claims, "org");
  out.country = StringClaim(claims, "country");
  out.issued_at = iat->get<int64_t>();
  out.expires_at = exp->get<int64_t>();
  // Tokens issued before the claim existed carry none: the account's first version.
  if (auto tv = claims.find("tv"); tv != claims.end()) {
    if (!tv->is_number_integer() || tv->get<int64_t>() < 1 || tv->get<int64_t>() > INT32_MAX) {
      return InvalidToken("the token is malformed");
    }
    out.token_version = static_cast<int32_t>(tv->get<int64_t>());
  }
  if (out.subject.empty() || out.role.empty()) return InvalidToken("the token is malformed");
  if (UnixSeconds(clock_()) >= out.expires_at + cfg_.leeway.count()) {
    return InvalidToken("the token has expired");
  }
  if (out.issued_at > UnixSeconds(clock_()) + cfg_.leeway.count()) {
    return InvalidToken("the token is issued in the future");
  }
  return out;
}

absl::StatusOr<std::map<std::string, std::string>> Jwt::ParseKeyList(std::string_view list) {
  std::map<std::string, std::string> out;
  const std::vector<std::string> items =
      absl::StrSplit(std::string(list), ',', absl::SkipWhitespace());
  for (std::string item : items) {
    item = std::string(absl::StripAsciiWhitespace(item));
    const size_t colon = item.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == item.size()) {
      return absl::InvalidArgumentError("expected kid:secret,kid:secret");
    }
    out.emplace(item.substr(0, colon), item.substr(colon + 1));
  }
  return out;
}

}  // namespace iris::gateway
