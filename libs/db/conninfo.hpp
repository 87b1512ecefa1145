// Adds libpq connection parameters to a URI or key=value connection string.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace iris::db::internal {

// Later parameters win in libpq, so these override any the caller's string already holds.
std::string WithParams(const std::string& url,
                       const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace iris::db::internal
