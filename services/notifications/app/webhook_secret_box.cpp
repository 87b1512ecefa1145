#include "services/notifications/app/webhook_secret_box.hpp"

#include <stdexcept>

#include <sodium.h>

namespace iris::notifications::app {
namespace {

std::string ToHex(const unsigned char* data, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.pop_back();
  return out;
}

bool FromHex(std::string_view hex, std::string* out) {
  out->assign(hex.size() / 2, '\0');
  size_t len = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out->data()), out->size(), hex.data(),
                     hex.size(), nullptr, &len, nullptr) != 0 ||
      len * 2 != hex.size()) {
    return false;
  }
  out->resize(len);
  return true;
}

}  // namespace

WebhookSecretBox::WebhookSecretBox(std::string_view key_hex) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  if (key_hex.size() != crypto_secretbox_KEYBYTES * 2 || !FromHex(key_hex, &key_) ||
      key_.size() != crypto_secretbox_KEYBYTES) {
    throw std::invalid_argument(
        "IRIS_WEBHOOK_SECRET_KEY must be 64 hex digits (32 random bytes, e.g. `openssl rand "
        "-hex 32`): it seals webhook secrets, and notifications does not start without it");
  }
}

std::string WebhookSecretBox::Seal(std::string_view secret) const {
  std::string out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + secret.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), nonce,
                        reinterpret_cast<const unsigned char*>(key_.data()));
  return ToHex(reinterpret_cast<const unsigned char*>(out.data()), out.size());
}

absl::StatusOr<std::string> WebhookSecretBox::Open(std::string_view sealed_hex) const {
  std::string sealed;
  if (!FromHex(sealed_hex, &sealed) ||
      sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return absl::InternalError("a sealed webhook secret is malformed");
  }
  const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.data());
  const size_t box_len = sealed.size() - crypto_secretbox_NONCEBYTES;
  std::string plain(box_len - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 nonce + crypto_secretbox_NONCEBYTES, box_len, nonce,
                                 reinterpret_cast<const unsigned char*>(key_.data())) != 0) {
    return absl::InternalError(
        "a webhook secret does not open with IRIS_WEBHOOK_SECRET_KEY (was the key changed?)");
  }
  return plain;
}

}  // namespace iris::notifications::app
