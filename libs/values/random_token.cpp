#include "libs/values/random_token.hpp"

#include <stdexcept>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "libs/values/base64url.hpp"

namespace iris::values {

std::string RandomToken(std::string_view prefix) {
  unsigned char secret[32];
  if (RAND_bytes(secret, sizeof secret) != 1) throw std::runtime_error("RAND_bytes failed");
  std::string token(prefix);
  token += Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(secret), sizeof secret));
  OPENSSL_cleanse(secret, sizeof secret);
  return token;
}

}  // namespace iris::values
