#include "services/membership/app/password_hasher.hpp"

#include <stdexcept>

#include <sodium.h>

namespace iris::membership::app {
namespace {

// Holds one of the hasher's slots for a scope.
class Slot {
 public:
  explicit Slot(std::counting_semaphore<PasswordHasher::kMaxConcurrent>& s) : s_(s) {
    s_.acquire();
  }
  ~Slot() { s_.release(); }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

 private:
  std::counting_semaphore<PasswordHasher::kMaxConcurrent>& s_;
};

}  // namespace

PasswordHasher::PasswordHasher() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  unsigned char random[32];
  randombytes_buf(random, sizeof random);
  auto dummy = Hash(std::string_view(reinterpret_cast<const char*>(random), sizeof random));
  if (!dummy.ok()) throw std::runtime_error("cannot hash the dummy password");
  dummy_hash_ = *dummy;
}

absl::StatusOr<std::string> PasswordHasher::Hash(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  Slot slot(slots_);
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return absl::InternalError("password hashing ran out of memory");
  }
  return std::string(out);
}

bool PasswordHasher::Verify(const std::string& hash, std::string_view password) const {
  Slot slot(slots_);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::VerifyDummy(std::string_view password) const {
  (void)Verify(dummy_hash_, password);
}

}  // namespace iris::membership::app
