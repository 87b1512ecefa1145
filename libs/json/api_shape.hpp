// Rewrites between protobuf's JSON mapping and the API's shape (API.md), guided by the Descriptor.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <nlohmann/json.hpp>

#include "libs/status/status.hpp"

namespace iris::json {

// Protobuf's printed JSON -> API shape, in place: 64-bit integers as numbers, enum words,
// LocalizedText as a plain language map, and every field present with null for no value (an
// unset message or proto3 `optional`, an empty string, *_UNSPECIFIED; lists stay []).
void ToApiShape(nlohmann::json& j, const google::protobuf::Descriptor& d);

// API-shaped client JSON -> what protobuf's parser takes, in place, checking names and types on
// the way. Every problem found is added to `errors` (which keeps the first ones and counts the
// rest).
void FromApiShape(nlohmann::json& j, const google::protobuf::Descriptor& d,
                  status::Validator& errors);

inline constexpr std::string_view kLocalizedText = "iris.common.v1.LocalizedText";

// Types whose JSON shape protobuf defines (Timestamp, wrappers, Struct, ...).
inline bool IsWellKnown(const google::protobuf::Descriptor& d) {
  return d.file()->package() == "google.protobuf";
}

}  // namespace iris::json
