// The orders a list offers: `sort=name`, `sort=-created_at`. Each list names its sortable fields
// once, in a table of SortField; a request picks one (ParseSort), the list's statements exist in
// every order (db::SortedStatements writes one per field and direction from the table's SQL),
// and the cursor keeps the last row's key in that order (keyset.hpp), so pages keep working
// under any sort.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/values/types.hpp"

namespace iris::pagination {

// What kind of value a sort key is: it decides how a cursor keeps it and how SQL binds it.
enum class KeyKind {
  kInstant,  // timestamptz; kept as decimal microseconds since the epoch
  kDate,     // date; kept as YYYY-MM-DD, or "infinity" for a COALESCEd missing date
  kText,     // text; kept as it is
};

// A field a list of Row can be sorted by.
template <typename Row>
struct SortField {
  std::string_view name;  // as the API names it
  KeyKind kind;
  // The key's SQL expression in the list's statements (a column, or an expression with a
  // collation or a COALESCE); the id column breaks ties, so every order is total.
  std::string_view sql;
  std::string (*key)(const Row&);  // a row's key, as a cursor keeps it
};

// The order a request asked for.
struct SortOrder {
  size_t index = 0;  // into the list's SortField table
  // Every list's first field, so its default order, is created_at (oldest first): a request
  // made without KeysetRequestOf (a repository test) pages in that order.
  std::string_view field = "created_at";
  KeyKind kind = KeyKind::kInstant;
  bool descending = false;

  // "name" or "-name", as the query spells it.
  std::string Name() const;
};

struct SortName {
  std::string_view name;
  KeyKind kind;
};

// `raw` as an order of `fields`: "" is the first field ascending; "f" ascending and "-f"
// descending for a field f. Anything else is INVALID_ARGUMENT reason "malformed" on "sort",
// naming every value allowed.
absl::StatusOr<SortOrder> ParseSort(std::string_view raw, std::span<const SortName> fields);

template <typename Row, size_t N>
std::vector<SortName> SortNamesOf(const std::array<SortField<Row>, N>& fields) {
  std::vector<SortName> names;
  for (const auto& f : fields) names.push_back({f.name, f.kind});
  return names;
}

// Keys of the usual kinds, for SortField tables.
std::string InstantKey(values::Time t);
// YYYY-MM-DD, or "infinity" for a missing date (SQL: COALESCE(col, 'infinity')), so rows
// without one come last in ascending order.
std::string DateKey(const std::string& yyyy_mm_dd);

}  // namespace iris::pagination
