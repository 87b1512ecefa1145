#include "services/membership/app/reference_use_cases.hpp"

#include "absl/strings/ascii.h"

namespace iris::membership::app {

absl::StatusOr<std::vector<domain::Country>> ReferenceUseCases::Countries() {
  return pool_.Read([&](db::Tx& tx) { return repo_.ListCountries(tx); });
}

absl::StatusOr<std::vector<domain::TargetGroup>> ReferenceUseCases::TargetGroups() {
  return pool_.Read([&](db::Tx& tx) { return repo_.ListTargetGroups(tx); });
}

absl::StatusOr<std::vector<domain::Language>> ReferenceUseCases::Languages() {
  return pool_.Read([&](db::Tx& tx) { return repo_.ListLanguages(tx); });
}

absl::StatusOr<std::vector<domain::Network>> ReferenceUseCases::Networks() {
  return pool_.Read([&](db::Tx& tx) { return repo_.ListNetworks(tx); });
}

absl::StatusOr<domain::Network> ReferenceUseCases::Network(std::string_view country) {
  std::string code = absl::AsciiStrToUpper(std::string(country));
  if (!domain::IsCountryCode(code)) {
    return absl::NotFoundError("no national network for country " + std::string(country));
  }
  return pool_.Read([&](db::Tx& tx) { return repo_.FindNetwork(tx, code); });
}

}  // namespace iris::membership::app
