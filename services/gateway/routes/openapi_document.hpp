// Loads docs/openapi.yaml, which is kept in YAML's JSON subset (plus leading # comments).
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"

namespace iris::gateway {

absl::StatusOr<nlohmann::json> ParseOpenApi(std::string_view yaml_text);

}  // namespace iris::gateway
