// Filters of list requests that name a reference code (country, target group).
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "services/membership/storage/reference_cache.hpp"

namespace iris::membership::app {

// A filter naming an unknown code is a 400 naming the filter (API.md: "an unknown filter value"),
// not an empty list a client cannot tell from "nothing matches". `country` as the client sent it
// (any case); empty filters are not checked.
absl::Status CheckFilterCodes(const storage::KnownCodes& known, std::string_view country,
                              std::string_view target_group);

}  // namespace iris::membership::app
