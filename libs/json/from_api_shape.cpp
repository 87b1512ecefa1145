// API-shaped client JSON -> protobuf's JSON mapping, with field-named errors on the way.
#include <algorithm>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

#include <google/protobuf/duration.pb.h>
#include <google/protobuf/timestamp.pb.h>
#include <google/protobuf/util/time_util.h>

#include "libs/json/api_shape.hpp"
#include "libs/json/enum_words.hpp"

namespace iris::json {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using nlohmann::json;

class Checker {
 public:
  explicit Checker(status::Validator& errors) : errors_(errors) {}

  void Message(json& j, const Descriptor& d, const std::string& path);

 private:
  void Fail(const std::string& path, std::string message) {
    errors_.Add(path.empty() ? "body" : path, message);
  }
  void WellKnown(json& j, const Descriptor& d, const std::string& path);
  void Field(json& v, const FieldDescriptor& f, const std::string& path);
  void Single(json& v, const FieldDescriptor& f, const std::string& path);
  void Integer(json& v, const FieldDescriptor& f, const std::string& path,
               std::string_view out_of_range = "is out of range");
  void MapKey(const std::string& key, const FieldDescriptor& key_field, const std::string& path);
  void OneofConflicts(json& j, const Descriptor& d, const std::string& path);

  status::Validator& errors_;
};

std::string Join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

// A message-typed field whose value (an object, or a list of objects) dropped its own bad
// fields while being checked: it stays, so the service still checks the rest of it
// (`organization.kind` wrong must not hide the rules of `organization.website`).
bool CleansItself(const json& v, const FieldDescriptor& f) {
  if (f.cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || f.is_map() ||
      IsWellKnown(*f.message_type()) || f.message_type()->full_name() == kLocalizedText) {
    return false;
  }
  if (!f.is_repeated()) return v.is_object();
  return v.is_array() &&
         std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_object(); });
}

// A LocalizedText field marked [(iris.common.v1.empty_map_clears) = true] (common.proto): {}
// is a value there. Read by name, so this library needs no generated code of ours.
bool EmptyMapClears(const FieldDescriptor& f) {
  const FieldDescriptor* option =
      f.file()->pool()->FindExtensionByName("iris.common.v1.empty_map_clears");
  if (option == nullptr) return false;
  const auto& options = f.options();
  return options.GetReflection()->GetBool(options, option);
}

// A field whose JSON null carries meaning instead of "unset".
bool NullIsAValue(const FieldDescriptor& f) {
  return f.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
         f.message_type()->full_name() == "google.protobuf.Value";
}

// The writer answers an *_UNSPECIFIED enum as null (api_writer.hpp), in lists and maps too: a
// null element of an enum list or map reads back as that value, so an answer sent back reads
// as it was written. True when `v` was such a null (now the value's protobuf name).
bool NullReadsAsUnspecified(json& v, const FieldDescriptor& f) {
  if (!v.is_null() || f.cpp_type() != FieldDescriptor::CPPTYPE_ENUM ||
      f.enum_type()->full_name() == "google.protobuf.NullValue") {
    return false;
  }
  const auto* zero = f.enum_type()->FindValueByNumber(0);
  if (zero == nullptr) return false;
  v = zero->name();
  return true;
}

void Checker::Message(json& j, const Descriptor& d, const std::string& path) {
  if (d.full_name() == kLocalizedText) {
    bool ok = j.is_object();
    if (ok) {
      for (const auto& entry : j.items()) ok = ok && entry.value().is_string();
    }
    if (!ok) return Fail(path, "must be an object of language tag to text");
    j = json{{"values", std::move(j)}};
    return;
  }
  if (IsWellKnown(d)) return WellKnown(j, d, path);
  if (!j.is_object()) return Fail(path, "must be an object");
  // Left out of what protobuf parses: nulls, since null means "not set" (which protobuf would
  // also accept, but only for some field kinds), and fields with an error, so the rest of the
  // body still parses and its rules can still be checked (FromJson's `found`).
  std::vector<std::string> dropped;
  for (auto& entry : j.items()) {
    const std::string field_path = Join(path, entry.key());
    const FieldDescriptor* f = d.FindFieldByName(entry.key());
    const size_t errors_before = errors_.count();
    if (f == nullptr) {
      Fail(field_path, "is not a field of this request");
    } else if (entry.value().is_null() && !NullIsAValue(*f)) {
      dropped.push_back(entry.key());
    } else {
      Field(entry.value(), *f, field_path);
    }
    if (errors_.count() != errors_before && !(f != nullptr && CleansItself(entry.value(), *f))) {
      dropped.push_back(entry.key());
    }
  }
  for (const auto& key : dropped) j.erase(key);
  OneofConflicts(j, d, path);
}

void Checker::OneofConflicts(json& j, const Descriptor& d, const std::string& path) {
  std::vector<std::string> conflicting;
  for (int i = 0; i < d.oneof_decl_count(); ++i) {
    const auto& oneof = *d.oneof_decl(i);
    const FieldDescriptor* first = nullptr;
    for (int k = 0; k < oneof.field_count(); ++k) {
      const FieldDescriptor* f = oneof.field(k);
      if (!j.contains(f->name())) continue;
      if (first == nullptr) {
        first = f;
      } else {
        Fail(Join(path, f->name()), "cannot be set together with " + first->name());
        conflicting.push_back(f->name());
      }
    }
  }
  for (const auto& key : conflicting) j.erase(key);
}

void Checker::WellKnown(json& j, const Descriptor& d, const std::string& path) {
  const std::string& name = d.full_name();
  if (name == "google.protobuf.Timestamp") {
    google::protobuf::Timestamp ts;
    if (!j.is_string() ||
        !google::protobuf::util::TimeUtil::FromString(j.get<std::string>(), &ts)) {
      Fail(path, "must be an RFC 3339 timestamp such as 2024-05-01T12:00:00Z");
    }
  } else if (name == "google.protobuf.Duration") {
    google::protobuf::Duration duration;
    if (!j.is_string() ||
        !google::protobuf::util::TimeUtil::FromString(j.get<std::string>(), &duration)) {
      Fail(path, "must be a duration in seconds such as \"1.5s\"");
    }
  } else if (name.ends_with("Value") && name != "google.protobuf.Value" &&
             d.FindFieldByName("value") != nullptr) {
    // Wrappers (Int64Value, StringValue, ...) are written as their bare value.
    Single(j, *d.FindFieldByName("value"), path);
  } else if (name == "google.protobuf.Struct" || name == "google.protobuf.Empty" ||
             name == "google.protobuf.Any") {
    if (!j.is_object()) Fail(path, "must be an object");
  } else if (name == "google.protobuf.ListValue") {
    if (!j.is_array()) Fail(path, "must be an array");
  } else if (name == "google.protobuf.FieldMask") {
    if (!j.is_string()) Fail(path, "must be a string");
  }
}

void Checker::Field(json& v, const FieldDescriptor& f, const std::string& path) {
  if (f.is_map()) {
    if (!v.is_object()) return Fail(path, "must be an object");
    const Descriptor& entry_type = *f.message_type();
    for (auto& entry : v.items()) {
      const std::string entry_path = Join(path, entry.key());
      MapKey(entry.key(), *entry_type.map_key(), entry_path);
      if (NullReadsAsUnspecified(entry.value(), *entry_type.map_value())) continue;
      if (entry.value().is_null()) {
        Fail(entry_path, "must not be null");
      } else {
        Single(entry.value(), *entry_type.map_value(), entry_path);
      }
    }
  } else if (f.is_repeated()) {
    if (!v.is_array()) return Fail(path, "must be an array");
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string element_path = path + "[" + std::to_string(i) + "]";
      if (NullReadsAsUnspecified(v[i], f)) continue;
      if (v[i].is_null() && !NullIsAValue(f)) {
        Fail(element_path, "must not be null");
      } else {
        Single(v[i], f, element_path);
      }
    }
  } else {
    Single(v, f, path);
  }
}

void Checker::MapKey(const std::string& key, const FieldDescriptor& key_field,
                     const std::string& path) {
  switch (key_field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_BOOL:
      if (key != "true" && key != "false") Fail(path, "key must be true or false");
      break;
    case FieldDescriptor::CPPTYPE_STRING: break;
    default: {
      json as_number;
      std::int64_t n = 0;
      std::uint64_t u = 0;
      const char* end = key.data() + key.size();
      if (auto r = std::from_chars(key.data(), end, n); r.ec == std::errc() && r.ptr == end) {
        as_number = n;
      } else if (auto r2 = std::from_chars(key.data(), end, u);
                 r2.ec == std::errc() && r2.ptr == end) {
        as_number = u;
      } else {
        return Fail(path, "key must be an integer");
      }
      Integer(as_number, key_field, path, "key is out of range");
    }
  }
}

void Checker::Single(json& v, const FieldDescriptor& f, const std::string& path) {
  switch (f.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64: return Integer(v, f, path);
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT:
      if (v.is_number()) {
        if (f.cpp_type() == FieldDescriptor::CPPTYPE_FLOAT && std::isfinite(v.get<double>()) &&
            std::fabs(v.get<double>()) > FLT_MAX) {
          Fail(path, "is out of range");
        }
      } else if (!(v.is_string() && (v == "NaN" || v == "Infinity" || v == "-Infinity"))) {
        Fail(path, "must be a number");
      }
      return;
    case FieldDescriptor::CPPTYPE_BOOL:
      if (!v.is_boolean()) Fail(path, "must be true or false");
      return;
    case FieldDescriptor::CPPTYPE_STRING:
      if (!v.is_string()) {
        Fail(path, f.type() == FieldDescriptor::TYPE_BYTES ? "must be a base64 string"
                                                           : "must be a string");
      }
      return;
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto& e = *f.enum_type();
      if (e.full_name() == "google.protobuf.NullValue") {
        if (!v.is_null()) Fail(path, "must be null");
        return;
      }
      const auto* value = v.is_string() ? FindEnumByWord(e, v.get<std::string>()) : nullptr;
      if (value == nullptr) return Fail(path, "must be one of: " + EnumWordList(e));
      v = value->name();
      return;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      if (f.message_type()->full_name() == kLocalizedText && v.is_object() && v.empty() &&
          !EmptyMapClears(f)) {
        return Fail(path,
                    "needs at least one language: a map of language to text, such as "
                    "{\"en\": ...}; null clears a field that may be cleared");
      }
      return Message(v, *f.message_type(), path);
  }
}

void Checker::Integer(json& v, const FieldDescriptor& f, const std::string& path,
                      std::string_view out_of_range) {
  // 1.0 and "1" are not integers in our API, whatever protobuf's parser would let through.
  if (!v.is_number_integer()) return Fail(path, "must be an integer");
  const bool is_unsigned = v.is_number_unsigned();
  const std::uint64_t u = is_unsigned ? v.get<std::uint64_t>() : 0;
  const std::int64_t s = is_unsigned ? 0 : v.get<std::int64_t>();
  auto in_range = [&](std::int64_t lo, std::uint64_t hi) {
    if (is_unsigned) return u <= hi;
    return s >= lo && (s < 0 || static_cast<std::uint64_t>(s) <= hi);
  };
  bool ok = false;
  switch (f.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      ok = in_range(std::numeric_limits<std::int32_t>::min(),
                    std::numeric_limits<std::int32_t>::max());
      break;
    case FieldDescriptor::CPPTYPE_UINT32:
      ok = in_range(0, std::numeric_limits<std::uint32_t>::max());
      break;
    case FieldDescriptor::CPPTYPE_INT64:
      ok = in_range(std::numeric_limits<std::int64_t>::min(),
                    std::numeric_limits<std::int64_t>::max());
      break;
    default: ok = in_range(0, std::numeric_limits<std::uint64_t>::max()); break;
  }
  if (!ok) return Fail(path, std::string(out_of_range));
  // Handing protobuf digits in a string keeps 2^53+1 exact whatever its number parser does.
  v = is_unsigned ? std::to_string(u) : std::to_string(s);
}

}  // namespace

void FromApiShape(json& j, const Descriptor& d, status::Validator& errors) {
  Checker(errors).Message(j, d, "");
}

}  // namespace iris::json
