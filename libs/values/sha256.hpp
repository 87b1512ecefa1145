// SHA-256 as lower-case hex, the one form we store digests in.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace iris::values {

// Lower-case hex SHA-256 of `data` (64 characters). API keys are stored and looked up by it:
// membership hashes a key when it issues it and the gateway when a client presents it, so both
// must call this one function. Migration checksums use it too.
std::string Sha256Hex(std::string_view data);

// The same digest over data that arrives in pieces (a file streamed in chunks), so nothing has
// to hold the whole input: Update with each piece in order, then HexDigest once.
class Sha256Hasher {
 public:
  Sha256Hasher();
  ~Sha256Hasher();
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;

  void Update(std::string_view data);
  // Lower-case hex of everything given to Update; the hasher then starts over, empty.
  std::string HexDigest();

 private:
  struct Context;
  std::unique_ptr<Context> ctx_;
};

}  // namespace iris::values
