// Seals webhook signing secrets at rest with libsodium's secretbox (XSalsa20-Poly1305) under
// IRIS_WEBHOOK_SECRET_KEY: a database dump alone cannot sign for a partner.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace iris::notifications::app {

class WebhookSecretBox {
 public:
  // `key_hex`: 64 hex digits. Anything else throws std::invalid_argument with a line saying
  // what IRIS_WEBHOOK_SECRET_KEY must be: the service refuses to start without one.
  explicit WebhookSecretBox(std::string_view key_hex);

  // nonce || box, as hex (the form the statements bind).
  std::string Seal(std::string_view secret) const;
  // INTERNAL when it was not sealed under this key (a key changed without re-sealing).
  absl::StatusOr<std::string> Open(std::string_view sealed_hex) const;

 private:
  std::string key_;  // crypto_secretbox_KEYBYTES bytes
};

}  // namespace iris::notifications::app
