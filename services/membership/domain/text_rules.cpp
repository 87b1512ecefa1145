#include "services/membership/domain/text_rules.hpp"

#include <algorithm>

#include "absl/strings/ascii.h"

namespace iris::membership::domain {

size_t CharCount(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool LooksLikeEmail(std::string_view e) {
  const size_t at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = e.substr(at + 1);
  const size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return false;
  return std::none_of(e.begin(), e.end(), [](char c) {
    return absl::ascii_isspace(static_cast<unsigned char>(c)) || c == ',' || c == '<' || c == '>';
  });
}

}  // namespace iris::membership::domain
