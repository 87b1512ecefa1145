#include "services/membership/app/list_filters.hpp"

#include <string>

#include "absl/strings/ascii.h"
#include "libs/status/status.hpp"

namespace iris::membership::app {

absl::Status CheckFilterCodes(const storage::KnownCodes& known, std::string_view country,
                              std::string_view target_group) {
  if (!country.empty() &&
      !known.organization_codes.countries.contains(absl::AsciiStrToUpper(std::string(country)))) {
    return status::Malformed("country", "must be a country code of GET /v1/countries");
  }
  if (!target_group.empty() &&
      !known.organization_codes.target_groups.contains(std::string(target_group))) {
    return status::Malformed("target_group", "must be a code of GET /v1/target-groups");
  }
  return absl::OkStatus();
}

}  // namespace iris::membership::app
