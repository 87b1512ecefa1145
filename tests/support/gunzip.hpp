// gzip bodies read back with zlib's own inflate, so our gzip output is checked by code we did
// not write.
#pragma once

#include <optional>
#include <string>

namespace iris::testing {

// The bytes of one gzip member, or nullopt when `data` is not a complete, valid one.
std::optional<std::string> Gunzip(const std::string& data);

}  // namespace iris::testing
