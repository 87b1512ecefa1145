#include "services/membership/app/list_filters.hpp"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "libs/values/text.hpp"

namespace iris::membership::app {

void CheckFilterCodes(const storage::KnownCodes& known, std::vector<std::string>& countries,
                      const std::vector<std::string>& target_groups, status::Validator& v) {
  const std::vector<std::string> sent = countries;
  for (auto& c : countries) absl::AsciiStrToUpper(&c);
  CheckAllowed("country", countries, known.organization_codes.countries, v, &sent);
  CheckAllowed("target_group", target_groups, known.organization_codes.target_groups, v);
}

}  // namespace iris::membership::app
