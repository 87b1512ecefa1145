// A proto enum value <-> its API word, for the rpc/*_mapping.cpp of every service:
// DOCUMENT_KIND_SHADOW_REPORT <-> "shadow_report" (the prefix is the enum's, given by the caller).
#pragma once

#include <string>
#include <string_view>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/generated_enum_reflection.h>

#include "absl/strings/ascii.h"

namespace iris::proto_values {

// The value's word: its name without `prefix`, lower-cased; "" for *_UNSPECIFIED (0) or an
// unknown number.
template <typename E>
std::string WordOf(E value, std::string_view prefix) {
  const auto* v = google::protobuf::GetEnumDescriptor<E>()->FindValueByNumber(value);
  if (v == nullptr || v->number() == 0) return "";
  std::string name(v->name());
  return absl::AsciiStrToLower(name.substr(prefix.size()));
}

// The other way; *_UNSPECIFIED (0) for a word that names no value (domains never store one).
template <typename E>
E ValueOf(const std::string& word, std::string_view prefix) {
  const auto* v = google::protobuf::GetEnumDescriptor<E>()->FindValueByName(
      std::string(prefix) + absl::AsciiStrToUpper(word));
  return v == nullptr ? static_cast<E>(0) : static_cast<E>(v->number());
}

}  // namespace iris::proto_values
