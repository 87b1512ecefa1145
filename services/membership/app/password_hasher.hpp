// Password hashing with libsodium's crypto_pwhash_str (argon2id, interactive limits).
#pragma once

#include <semaphore>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace iris::membership::app {

class PasswordHasher {
 public:
  // Each hash or verification takes 64 MiB for ~0.1 s: a burst of sign-ins queues here rather
  // than exhausting memory.
  static constexpr int kMaxConcurrent = 4;

  PasswordHasher();  // initialises libsodium and hashes a random dummy password

  // The encoded hash ($argon2id$...), salt included. INTERNAL only if memory runs out.
  absl::StatusOr<std::string> Hash(std::string_view password) const;
  bool Verify(const std::string& hash, std::string_view password) const;
  // Spends the time a Verify would, so an unknown email answers as slowly as a known one.
  void VerifyDummy(std::string_view password) const;

 private:
  std::string dummy_hash_;
  mutable std::counting_semaphore<kMaxConcurrent> slots_{kMaxConcurrent};
};

}  // namespace iris::membership::app
