#include "services/membership/domain/text_rules.hpp"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

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

std::vector<std::string> CheckCodeList(const std::vector<std::string>& sent,
                                       const std::set<std::string>& known, const CodeList& list,
                                       std::vector<InvalidField>* problems) {
  std::vector<std::string> codes;
  if (sent.size() > list.max_items) {
    problems->push_back(
        {std::string(list.field), absl::StrCat("must list at most ", list.max_items, " codes of ",
                                               std::string(list.source))});
    return codes;
  }
  for (size_t i = 0; i < sent.size(); ++i) {
    const std::string& code = sent[i];
    if (!known.contains(code)) {
      // Named by its index, as the gateway names elements: "target_groups[2]".
      problems->push_back({absl::StrCat(std::string(list.field), "[", i, "]"),
                           absl::StrCat("unknown ", std::string(list.code_name), " '", code, "' (",
                                        std::string(list.source), ")")});
    } else if (std::find(codes.begin(), codes.end(), code) == codes.end()) {
      codes.push_back(code);
    }
  }
  return codes;
}

}  // namespace iris::membership::domain
