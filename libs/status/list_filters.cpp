#include "libs/status/list_filters.hpp"

#include "absl/strings/str_join.h"
#include "libs/values/text.hpp"

namespace iris::status {

void CheckAllowed(std::string_view param, const std::vector<std::string>& values,
                  const std::set<std::string>& allowed, Validator& v,
                  const std::vector<std::string>* shown_values) {
  std::set<std::string> reported;
  for (size_t i = 0; i < values.size(); ++i) {
    if (allowed.contains(values[i]) || !reported.insert(values[i]).second) continue;
    // The client's own value, as sent, cut short so an answer never echoes a megabyte.
    const std::string shown =
        values::CutAtCharacter(shown_values ? (*shown_values)[i] : values[i], 40, "...");
    v.Add(param, "\"" + shown + "\" is not one of " + absl::StrJoin(allowed, ", "));
  }
}

bool Collect(const absl::Status& s, Validator& v) {
  if (s.ok()) return true;
  const auto detail = DetailOf(s);
  for (const auto& e : detail.errors()) v.Add(e.field(), e.message());
  if (detail.errors().empty()) v.Add("query", std::string(s.message()));
  return false;
}

}  // namespace iris::status
