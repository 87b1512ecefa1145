// SHA-256 as lower-case hex, the one form we store digests in.
#pragma once

#include <string>
#include <string_view>

namespace iris::values {

// Lower-case hex SHA-256 of `data` (64 characters). API keys are stored and looked up by it:
// membership hashes a key when it issues it and the gateway when a client presents it, so both
// must call this one function. Migration checksums use it too.
std::string Sha256Hex(std::string_view data);

}  // namespace iris::values
