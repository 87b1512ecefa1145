// The Range header of a file download (RFC 9110 §14.1.2), as the documents service takes it
// (GetFileRequest): one byte range; anything else is ignored and the whole file is sent.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace iris::gateway {

struct ByteRange {
  // bytes=a-b: offset a, length b-a+1; bytes=a-: offset a, length 0 (to the end);
  // bytes=-n: offset -1, length n (the last n bytes; n 0 cannot be satisfied).
  int64_t offset = 0;
  int64_t length = 0;
};

// nullopt when there is nothing to honour: a unit other than bytes, several ranges, or a
// malformed one (last before first, not digits); RFC 9110 §14.2 says to ignore those and answer
// 200 with the whole file. A number too large for int64 is taken as INT64_MAX, beyond any file:
// as a first byte the range is unsatisfiable (416), as a last byte it runs to the end.
std::optional<ByteRange> ParseRange(std::string_view header);

}  // namespace iris::gateway
