#include "services/documents/domain/sent_element.hpp"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace iris::documents::domain {

std::string SentElement(std::string_view field, const std::optional<std::vector<std::string>>& sent,
                        const std::string& id) {
  if (sent) {
    for (size_t i = 0; i < sent->size(); ++i) {
      if (absl::EqualsIgnoreCase(absl::StripAsciiWhitespace((*sent)[i]), id)) {
        return absl::StrCat(std::string(field), "[", i, "]");
      }
    }
  }
  return std::string(field);
}

}  // namespace iris::documents::domain
