// Protobuf's JSON -> API shape.
#include <charconv>
#include <cstdint>

#include "libs/json/api_shape.hpp"
#include "libs/json/enum_words.hpp"

namespace iris::json {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// Protobuf prints 64-bit integers as strings so JavaScript cannot round them; our API promises
// numbers (clients use BigInt-aware parsers where it matters).
template <typename Int>
void StringToNumber(nlohmann::json& v) {
  if (!v.is_string()) return;
  const auto& s = v.get_ref<const std::string&>();
  Int n{};
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec == std::errc() && ptr == s.data() + s.size()) v = n;
}

void ShapeEnum(nlohmann::json& v, const google::protobuf::EnumDescriptor& e) {
  // NullValue is how protobuf spells JSON null; it is printed as null already.
  if (e.full_name() == "google.protobuf.NullValue" || !v.is_string()) return;
  const auto* value = e.FindValueByName(v.get<std::string>());
  if (value == nullptr) return;
  if (value->number() == 0) {
    v = nullptr;  // *_UNSPECIFIED means "not set"
  } else {
    v = EnumWord(*value);
  }
}

void ShapeValue(nlohmann::json& v, const FieldDescriptor& f) {
  switch (f.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT64: StringToNumber<std::int64_t>(v); break;
    case FieldDescriptor::CPPTYPE_UINT64: StringToNumber<std::uint64_t>(v); break;
    case FieldDescriptor::CPPTYPE_ENUM: ShapeEnum(v, *f.enum_type()); break;
    case FieldDescriptor::CPPTYPE_MESSAGE: ToApiShape(v, *f.message_type()); break;
    default: break;
  }
}

// The API's one rule for a value a resource does not have (docs/openapi.yaml): the field is
// there, and null. Protobuf leaves out an unset message (a Timestamp, a wrapper) and an unset
// proto3 `optional`, and prints an unset plain string as "" because proto3 cannot tell it from
// an empty one; no API field gives "" a meaning of its own, so an empty string is null too.
// Lists and maps stay [] and {}. A real oneof keeps protobuf's shape: only the member that is
// set appears, as set, which is how a client tells which one it is.
bool NullWhenUnset(const FieldDescriptor& f) {
  return !f.is_repeated() && f.real_containing_oneof() == nullptr;
}

bool IsEmptyText(const nlohmann::json& v, const FieldDescriptor& f) {
  return f.cpp_type() == FieldDescriptor::CPPTYPE_STRING && v.is_string() &&
         v.get_ref<const std::string&>().empty();
}

}  // namespace

void ToApiShape(nlohmann::json& j, const Descriptor& d) {
  if (d.full_name() == kLocalizedText) {
    nlohmann::json values = nlohmann::json::object();
    if (j.is_object() && j.contains("values")) values = std::move(j["values"]);
    j = std::move(values);
    return;
  }
  if (IsWellKnown(d)) {
    // Int64Value/UInt64Value print as bare strings; the other wrappers and types keep
    // protobuf's shape (Timestamp as RFC 3339, Struct as free JSON, ...).
    if (d.full_name() == "google.protobuf.Int64Value") StringToNumber<std::int64_t>(j);
    if (d.full_name() == "google.protobuf.UInt64Value") StringToNumber<std::uint64_t>(j);
    return;
  }
  if (!j.is_object()) return;
  for (int i = 0; i < d.field_count(); ++i) {
    const FieldDescriptor& f = *d.field(i);
    auto it = j.find(f.name());
    if (it == j.end()) {
      if (NullWhenUnset(f)) j[f.name()] = nullptr;
      continue;
    }
    if (f.is_map()) {
      if (!it->is_object()) continue;
      const FieldDescriptor& value_field = *f.message_type()->map_value();
      for (auto& entry : it->items()) ShapeValue(entry.value(), value_field);
    } else if (f.is_repeated()) {
      if (!it->is_array()) continue;
      for (auto& element : *it) ShapeValue(element, f);
    } else if (IsEmptyText(*it, f) && NullWhenUnset(f)) {
      *it = nullptr;
    } else {
      ShapeValue(*it, f);
    }
  }
}

}  // namespace iris::json
