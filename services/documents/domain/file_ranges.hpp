// The conditional and partial downloads of a file (RFC 9110 §13.1.2 If-None-Match, §14
// ranges), decided by the service from the stored size and digest; the gateway only parses
// the headers. Pure rules.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace iris::documents::domain {

// Whether If-None-Match's tags (each as sent; one header value may also list several,
// comma-separated) match the file: "*", or its tag, weak (W/) or not (the weak comparison
// §13.1.2 asks for).
bool NoneMatchHits(const std::vector<std::string>& tags, std::string_view sha256);

struct ByteRange {
  int64_t offset = 0;
  int64_t length = 0;
};

// The bytes to send of a file of `size` bytes. Without a range, all of them. With one:
// `offset` >= 0 starts there (`length` 0: to the end, longer: clipped); `offset` < 0 is a
// suffix range (RFC 9110 `bytes=-n`), the last `length` bytes (longer than the file: all of
// it). OUT_OF_RANGE when it selects nothing: a start at or past the end of a non-empty file, a
// zero-length suffix, a negative length. An empty file answers any range with no bytes.
absl::StatusOr<ByteRange> ResolveRange(int64_t size, bool has_range, int64_t offset,
                                       int64_t length);

}  // namespace iris::documents::domain
