#include "services/documents/domain/file_ranges.hpp"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "libs/values/entity_tags.hpp"
#include "proto/iris/documents/v1/file_transfer.hpp"

namespace iris::documents::domain {

bool NoneMatchHits(const std::vector<std::string>& tags, std::string_view sha256) {
  const std::string etag = v1::FileEtag(sha256);
  for (const std::string& value : tags) {
    if (values::NoneMatch(value, etag)) return true;
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
