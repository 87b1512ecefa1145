#include "services/gateway/routes/openapi_document.hpp"

#include <string>

namespace iris::gateway {

absl::StatusOr<nlohmann::json> ParseOpenApi(std::string_view yaml_text) {
  // Drop YAML comment lines; what remains must be JSON.
  std::string json;
  size_t i = 0;
  while (i < yaml_text.size()) {
    size_t end = yaml_text.find('\n', i);
    if (end == std::string_view::npos) end = yaml_text.size();
    auto line = yaml_text.substr(i, end - i);
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] != '#') {
      json.append(line);
      json.push_back('\n');
    }
    i = end + 1;
  }
  auto doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return absl::InvalidArgumentError("docs/openapi.yaml must be JSON-shaped YAML");
  }
  return doc;
}

}  // namespace iris::gateway
