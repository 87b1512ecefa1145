// A proto enum value <-> its API word, for the rpc/*_mapping.cpp of every service:
// DOCUMENT_KIND_SHADOW_REPORT <-> "shadow_report". The spelling is the JSON layer's
// (libs/json/enum_words.hpp), so a word reads the same in a body and in a mapping.
#pragma once

#include <string>
#include <string_view>

#include <google/protobuf/generated_enum_reflection.h>

#include "libs/json/enum_words.hpp"

namespace iris::proto_values {

// The value's word; "" for *_UNSPECIFIED (0) or a number this build does not know.
template <typename E>
std::string WordOf(E value) {
  const auto* v = google::protobuf::GetEnumDescriptor<E>()->FindValueByNumber(value);
  if (v == nullptr || v->number() == 0) return "";
  return json::EnumWord(*v);
}

// The other way; *_UNSPECIFIED (0) for a word that names no value (domains never store one).
template <typename E>
E ValueOf(std::string_view word) {
  const auto* v = json::FindEnumByWord(*google::protobuf::GetEnumDescriptor<E>(), word);
  return v == nullptr ? static_cast<E>(0) : static_cast<E>(v->number());
}

}  // namespace iris::proto_values
