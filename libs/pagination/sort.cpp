#include "libs/pagination/sort.hpp"

#include <chrono>

#include "libs/status/status.hpp"

namespace iris::pagination {

std::string SortOrder::Name() const { return (descending ? "-" : "") + std::string(field); }

absl::StatusOr<SortOrder> ParseSort(std::string_view raw, std::span<const SortName> fields) {
  if (fields.empty()) return status::Malformed("sort", "this list has no order to choose");
  const bool descending = !raw.empty() && raw.front() == '-';
  const std::string_view name = descending ? raw.substr(1) : raw;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (raw.empty() || name == fields[i].name) {
      return SortOrder{i, fields[i].name, fields[i].kind, descending};
    }
  }
  std::string allowed;
  for (const auto& f : fields) {
    if (!allowed.empty()) allowed += ", ";
    allowed += std::string(f.name) + ", -" + std::string(f.name);
  }
  return status::Malformed("sort", "must be one of " + allowed);
}

std::string InstantKey(values::Time t) {
  return std::to_string(
      std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count());
}

std::string DateKey(const std::string& yyyy_mm_dd) {
  return yyyy_mm_dd.empty() ? "infinity" : yyyy_mm_dd;
}

}  // namespace iris::pagination
