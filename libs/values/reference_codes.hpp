// The network's fixed reference codes (../shared/design/DOMAIN.md, "Reference data") for
// services that validate against them without owning the lists. Membership owns the lists with
// their names (its V001 migration seeds the same codes; GET /v1/countries, /v1/languages serve
// them); a code added there is added here in the same change.
#pragma once

#include <set>
#include <string>

namespace iris::values {

// ISO 3166-1 alpha-2; Kosovo uses the user-assigned XK.
inline const std::set<std::string>& CountryCodes() {
  static const std::set<std::string> kCodes{"AL", "BA", "HR", "XK", "ME", "MK", "RS"};
  return kCodes;
}

// BCP 47 tags of the network's languages: the keys of a localized map.
inline const std::set<std::string>& LanguageCodes() {
  static const std::set<std::string> kCodes{"en", "sq",      "bs",      "hr",
                                            "mk", "sr-Latn", "sr-Cyrl", "cnr"};
  return kCodes;
}

}  // namespace iris::values
