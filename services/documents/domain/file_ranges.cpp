#include "services/documents/domain/file_ranges.hpp"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace iris::documents::domain {

std::string FileEtag(std::string_view sha256) { return "\"" + std::string(sha256) + "\""; }

bool NoneMatchHits(const std::vector<std::string>& tags, std::string_view sha256) {
  const std::string etag = FileEtag(sha256);
  for (const std::string& value : tags) {
    // Debian's Abseil has its own string_view: split and trim with the standard one.
    std::string_view rest = value;
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      std::string_view tag = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      while (!tag.empty() && absl::ascii_isspace(static_cast<unsigned char>(tag.front()))) {
        tag.remove_prefix(1);
      }
      while (!tag.empty() && absl::ascii_isspace(static_cast<unsigned char>(tag.back()))) {
        tag.remove_suffix(1);
      }
      if (tag == "*") return true;
      if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
      if (tag == etag) return true;
    }
  }
  return false;
}

absl::StatusOr<ByteRange> ResolveRange(int64_t size, bool has_range, int64_t offset,
                                       int64_t length) {
  if (!has_range || size == 0) return ByteRange{0, size};
  auto unsatisfiable = [&] {
    return absl::OutOfRangeError(
        absl::StrCat("the range selects no byte of the file (", size, " bytes)"));
  };
  if (length < 0) return unsatisfiable();
  if (offset < 0) {
    if (length == 0) return unsatisfiable();
    return ByteRange{size - std::min(length, size), std::min(length, size)};
  }
  if (offset >= size) return unsatisfiable();
  const int64_t rest = size - offset;
  return ByteRange{offset, length == 0 ? rest : std::min(length, rest)};
}

}  // namespace iris::documents::domain
