// Cutting text that may be shown back to a client (problem messages, echoed values).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace iris::values {

// `text` when it has at most `max_bytes` bytes; else its longest prefix of at most
// `max_bytes - mark.size()` bytes that ends at a UTF-8 character boundary, followed by `mark`.
// A cut in the middle of a character would make the text invalid UTF-8, which a proto string
// (a problem's message) cannot carry.
inline std::string CutAtCharacter(std::string_view text, size_t max_bytes, std::string_view mark) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t end = max_bytes > mark.size() ? max_bytes - mark.size() : 0;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + std::string(mark);
}

}  // namespace iris::values
