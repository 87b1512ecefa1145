// For tests: the `field` of each error a status carries (its ErrorDetail), in order.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "libs/status/status.hpp"

namespace iris::status::testing {

inline std::vector<std::string> FieldsOf(const absl::Status& s) {
  std::vector<std::string> out;
  const auto detail = DetailOf(s);  // kept: iterating a temporary's errors() would dangle
  for (const auto& e : detail.errors()) out.push_back(e.field());
  return out;
}

}  // namespace iris::status::testing
