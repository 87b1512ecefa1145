// Reference data of the network: countries, target groups, languages, national networks.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "libs/values/text_rules.hpp"
#include "libs/values/types.hpp"

namespace iris::membership::domain {

// The shared value types (libs/proto_values maps them to proto), under the domain's names.
using Time = values::Time;
using LocalizedText = values::LocalizedText;  // BCP 47 tag -> text

struct Country {
  std::string code;  // ISO 3166-1 alpha-2; XK for Kosovo
  LocalizedText name;
};

struct TargetGroup {
  std::string code;
  LocalizedText name;
};

struct Language {
  std::string code;  // BCP 47
  std::string name;
  std::string native_name;
};

enum class NetworkStatus { kActive, kInFormation };

std::optional<NetworkStatus> ParseNetworkStatus(std::string_view s);

struct Network {
  std::string country;
  LocalizedText name;
  NetworkStatus status = NetworkStatus::kActive;
  std::optional<std::string> secretariat;
  std::optional<std::string> coordinator;
  int64_t version = 1;
  Time created_at;
  Time updated_at;
};

// How many codes a client may list from a reference list (an organisation's target groups, a
// person's languages, the keys of a localized name). The lists hold 8 codes each; 20 leaves
// them room to grow by a migration without an API change, and keeps a 422 listing unknown codes
// short.
inline constexpr size_t kMaxTargetGroups = 20;
using values::kMaxLanguages;

// A syntactically valid country code (two upper-case letters). Whether it is one of ours is a
// question for the data, not the syntax.
bool IsCountryCode(std::string_view code);

}  // namespace iris::membership::domain
