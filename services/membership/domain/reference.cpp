#include "services/membership/domain/reference.hpp"

namespace iris::membership::domain {

std::optional<NetworkStatus> ParseNetworkStatus(std::string_view s) {
  if (s == "active") return NetworkStatus::kActive;
  if (s == "in_formation") return NetworkStatus::kInFormation;
  return std::nullopt;
}

bool IsCountryCode(std::string_view code) {
  return code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z';
}

}  // namespace iris::membership::domain
