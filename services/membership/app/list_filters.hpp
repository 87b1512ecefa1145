// The filters of list requests: each may be given several times (any of the values matches),
// and every value is checked, so one answer names every bad filter with the values allowed.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "libs/status/status.hpp"
#include "services/membership/storage/reference_cache.hpp"

namespace iris::membership::app {

// Adds an error on `param` to `v` for each distinct value not in `allowed`, listing the
// allowed ones. An unknown filter value is a 400 (API.md: "an unknown filter value"), not an
// empty list a client cannot tell from "nothing matches". `shown_values` (parallel to
// `values`): what the client sent, when `values` were normalised (upper-cased codes).
void CheckAllowed(std::string_view param, const std::vector<std::string>& values,
                  const std::set<std::string>& allowed, status::Validator& v,
                  const std::vector<std::string>* shown_values = nullptr);

// `country` (any case: upper-cased here) and `target_group` against the reference codes.
void CheckFilterCodes(const storage::KnownCodes& known, std::vector<std::string>& countries,
                      const std::vector<std::string>& target_groups, status::Validator& v);

// The field errors of `s` (a bad limit, sort or cursor) added to `v`, so they are answered
// together with the filters' errors; false when `s` is not OK.
bool Collect(const absl::Status& s, status::Validator& v);

// The set of words of an enum, for CheckAllowed: word(e) for every e in `all`.
template <typename Enum, typename Word, size_t N>
std::set<std::string> WordsOf(const Enum (&all)[N], Word word) {
  std::set<std::string> out;
  for (Enum e : all) out.emplace(word(e));
  return out;
}

}  // namespace iris::membership::app
