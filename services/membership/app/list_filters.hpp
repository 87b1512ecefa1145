// The filters of list requests: each may be given several times (any of the values matches),
// and every value is checked, so one answer names every bad filter with the values allowed.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "libs/status/list_filters.hpp"
#include "libs/status/status.hpp"
#include "services/membership/storage/reference_cache.hpp"

namespace iris::membership::app {

// The kit's checks of a list's filters and paging (libs/status/list_filters.hpp).
using status::CheckAllowed;

// `country` (any case: upper-cased here) and `target_group` against the reference codes.
void CheckFilterCodes(const storage::KnownCodes& known, std::vector<std::string>& countries,
                      const std::vector<std::string>& target_groups, status::Validator& v);

using status::Collect;

// The set of words of an enum, for CheckAllowed: word(e) for every e in `all`.
template <typename Enum, typename Word, size_t N>
std::set<std::string> WordsOf(const Enum (&all)[N], Word word) {
  std::set<std::string> out;
  for (Enum e : all) out.emplace(word(e));
  return out;
}

}  // namespace iris::membership::app
