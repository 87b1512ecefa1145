#include "libs/json/api_writer.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>
#include <vector>

#include <google/protobuf/util/time_util.h>

#include "absl/strings/escaping.h"
#include "libs/json/api_shape.hpp"
#include "libs/json/enum_words.hpp"
#include "libs/json/json_text.hpp"
#include "libs/json/proto_json.hpp"

namespace iris::json {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using google::protobuf::util::TimeUtil;

// Protobuf's printer refuses messages nested deeper than this (its default recursion limit);
// the writer answers them as it does (null), and its stack stays bounded by it.
constexpr int kMaxNesting = 64;

// Fields in the order of their names: the order the API has always written keys in (the
// printed JSON went through an nlohmann object, whose keys are sorted). Descriptors of the
// generated pool live as long as the process, so a per-thread cache needs no lock.
const std::vector<const FieldDescriptor*>& FieldsByName(const Descriptor& d) {
  thread_local std::unordered_map<const Descriptor*, std::vector<const FieldDescriptor*>> cache;
  auto [it, inserted] = cache.try_emplace(&d);
  if (inserted) {
    for (int i = 0; i < d.field_count(); ++i) it->second.push_back(d.field(i));
    std::sort(
        it->second.begin(), it->second.end(),
        [](const FieldDescriptor* a, const FieldDescriptor* b) { return a->name() < b->name(); });
  }
  return it->second;
}

const std::string& WordOf(const google::protobuf::EnumValueDescriptor& v) {
  thread_local std::unordered_map<const google::protobuf::EnumValueDescriptor*, std::string> cache;
  auto [it, inserted] = cache.try_emplace(&v);
  if (inserted) it->second = EnumWord(v);
  return it->second;
}

bool IsWrapper(const Descriptor& d) {
  static constexpr std::string_view kWrappers[] = {
      "google.protobuf.DoubleValue", "google.protobuf.FloatValue",  "google.protobuf.Int64Value",
      "google.protobuf.UInt64Value", "google.protobuf.Int32Value",  "google.protobuf.UInt32Value",
      "google.protobuf.BoolValue",   "google.protobuf.StringValue", "google.protobuf.BytesValue"};
  return std::find(std::begin(kWrappers), std::end(kWrappers), d.full_name()) !=
         std::end(kWrappers);
}

class Writer {
 public:
  explicit Writer(std::string* out) : out_(*out) {}

  bool Object(const Message& m, int depth) {
    const Descriptor& d = *m.GetDescriptor();
    if (depth > kMaxNesting) return false;
    if (d.full_name() == kLocalizedText) return Map(m, *d.field(0), depth);
    if (IsWellKnown(d)) return WellKnown(m, depth);
    const Reflection& r = *m.GetReflection();
    out_.push_back('{');
    bool first = true;
    for (const FieldDescriptor* f : FieldsByName(d)) {
      // Of a oneof only the member that is set appears (protobuf's shape).
      if (f->real_containing_oneof() != nullptr && !r.HasField(m, f)) continue;
      if (!first) out_.push_back(',');
      first = false;
      text::AppendString(f->name(), &out_);
      out_.push_back(':');
      if (!Field(m, *f, depth)) return false;
    }
    out_.push_back('}');
    return true;
  }

  bool Field(const Message& m, const FieldDescriptor& f, int depth) {
    const Reflection& r = *m.GetReflection();
    if (f.is_map()) return Map(m, f, depth);
    if (f.is_repeated()) {
      out_.push_back('[');
      const int n = r.FieldSize(m, &f);
      for (int i = 0; i < n; ++i) {
        if (i > 0) out_.push_back(',');
        if (!Element(m, f, i, depth)) return false;
      }
      out_.push_back(']');
      return true;
    }
    // An unset message or proto3 `optional` is null (a oneof member is written only when set).
    if (f.has_presence() && !r.HasField(m, &f)) return Null();
    const bool in_oneof = f.real_containing_oneof() != nullptr;
    switch (f.cpp_type()) {
      case FieldDescriptor::CPPTYPE_MESSAGE: return Object(r.GetMessage(m, &f), depth + 1);
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string scratch;
        const std::string& s = r.GetStringReference(m, &f, &scratch);
        // proto3 cannot tell an unset text from an empty one: no value, so null.
        if (s.empty() && !in_oneof) return Null();
        return Text(f, s);
      }
      case FieldDescriptor::CPPTYPE_ENUM: return Enum(*f.enum_type(), r.GetEnumValue(m, &f));
      case FieldDescriptor::CPPTYPE_INT32: text::AppendInt(r.GetInt32(m, &f), &out_); break;
      case FieldDescriptor::CPPTYPE_INT64: text::AppendInt(r.GetInt64(m, &f), &out_); break;
      case FieldDescriptor::CPPTYPE_UINT32: text::AppendUint(r.GetUInt32(m, &f), &out_); break;
      case FieldDescriptor::CPPTYPE_UINT64: text::AppendUint(r.GetUInt64(m, &f), &out_); break;
      case FieldDescriptor::CPPTYPE_BOOL: out_.append(r.GetBool(m, &f) ? "true" : "false"); break;
      case FieldDescriptor::CPPTYPE_DOUBLE: text::AppendDouble(r.GetDouble(m, &f), &out_); break;
      case FieldDescriptor::CPPTYPE_FLOAT: text::AppendFloat(r.GetFloat(m, &f), &out_); break;
    }
    return true;
  }

 private:
  bool Null() {
    out_.append("null");
    return true;
  }

  bool Text(const FieldDescriptor& f, const std::string& s) {
    if (f.type() == FieldDescriptor::TYPE_BYTES) {
      text::AppendString(absl::Base64Escape(s), &out_);
    } else {
      text::AppendString(s, &out_);
    }
    return true;
  }

  // An enum's word; *_UNSPECIFIED (0) is null, a number this build does not know stays a
  // number (proto3 enums are open), NullValue is JSON null.
  bool Enum(const EnumDescriptor& e, int number) {
    if (e.full_name() == "google.protobuf.NullValue") return Null();
    const auto* value = e.FindValueByNumber(number);
    if (value == nullptr) {
      text::AppendInt(number, &out_);
    } else if (value->number() == 0) {
      out_.append("null");
    } else {
      text::AppendString(WordOf(*value), &out_);
    }
    return true;
  }

  // An element of a list or a map's value: as a value, except that an empty text stays "".
  bool Element(const Message& m, const FieldDescriptor& f, int i, int depth) {
    const Reflection& r = *m.GetReflection();
    switch (f.cpp_type()) {
      case FieldDescriptor::CPPTYPE_MESSAGE:
        return Object(r.GetRepeatedMessage(m, &f, i), depth + 1);
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string scratch;
        return Text(f, r.GetRepeatedStringReference(m, &f, i, &scratch));
      }
      case FieldDescriptor::CPPTYPE_ENUM:
        return Enum(*f.enum_type(), r.GetRepeatedEnumValue(m, &f, i));
      case FieldDescriptor::CPPTYPE_INT32:
        text::AppendInt(r.GetRepeatedInt32(m, &f, i), &out_);
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        text::AppendInt(r.GetRepeatedInt64(m, &f, i), &out_);
        break;
      case FieldDescriptor::CPPTYPE_UINT32:
        text::AppendUint(r.GetRepeatedUInt32(m, &f, i), &out_);
        break;
      case FieldDescriptor::CPPTYPE_UINT64:
        text::AppendUint(r.GetRepeatedUInt64(m, &f, i), &out_);
        break;
      case FieldDescriptor::CPPTYPE_BOOL:
        out_.append(r.GetRepeatedBool(m, &f, i) ? "true" : "false");
        break;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        text::AppendDouble(r.GetRepeatedDouble(m, &f, i), &out_);
        break;
      case FieldDescriptor::CPPTYPE_FLOAT:
        text::AppendFloat(r.GetRepeatedFloat(m, &f, i), &out_);
        break;
    }
    return true;
  }

  // The key as JSON names it (protobuf prints integer and bool keys as their text).
  static std::string KeyText(const Message& entry, const FieldDescriptor& key) {
    const Reflection& r = *entry.GetReflection();
    switch (key.cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING: return r.GetString(entry, &key);
      case FieldDescriptor::CPPTYPE_INT32: return std::to_string(r.GetInt32(entry, &key));
      case FieldDescriptor::CPPTYPE_INT64: return std::to_string(r.GetInt64(entry, &key));
      case FieldDescriptor::CPPTYPE_UINT32: return std::to_string(r.GetUInt32(entry, &key));
      case FieldDescriptor::CPPTYPE_UINT64: return std::to_string(r.GetUInt64(entry, &key));
      case FieldDescriptor::CPPTYPE_BOOL: return r.GetBool(entry, &key) ? "true" : "false";
      default: return {};
    }
  }

  // A map as an object with its keys in order (as the nlohmann object they went through).
  bool Map(const Message& m, const FieldDescriptor& f, int depth) {
    const Reflection& r = *m.GetReflection();
    const FieldDescriptor& key = *f.message_type()->map_key();
    const FieldDescriptor& value = *f.message_type()->map_value();
    const int n = r.FieldSize(m, &f);
    std::vector<std::pair<std::string, const Message*>> entries;
    entries.reserve(n);
    for (int i = 0; i < n; ++i) {
      const Message& entry = r.GetRepeatedMessage(m, &f, i);
      entries.emplace_back(KeyText(entry, key), &entry);
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    out_.push_back('{');
    for (size_t i = 0; i < entries.size(); ++i) {
      if (i > 0) out_.push_back(',');
      text::AppendString(entries[i].first, &out_);
      out_.push_back(':');
      if (!MapValue(*entries[i].second, value, depth)) return false;
    }
    out_.push_back('}');
    return true;
  }

  bool MapValue(const Message& entry, const FieldDescriptor& value, int depth) {
    const Reflection& r = *entry.GetReflection();
    if (value.cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
      // A map entry's value has no presence: a value like a list element's.
      switch (value.cpp_type()) {
        case FieldDescriptor::CPPTYPE_STRING: {
          std::string scratch;
          return Text(value, r.GetStringReference(entry, &value, &scratch));
        }
        case FieldDescriptor::CPPTYPE_ENUM:
          return Enum(*value.enum_type(), r.GetEnumValue(entry, &value));
        default: return Field(entry, value, depth);
      }
    }
    return Object(r.GetMessage(entry, &value), depth + 1);
  }

  bool WellKnown(const Message& m, int depth) {
    const Descriptor& d = *m.GetDescriptor();
    const Reflection& r = *m.GetReflection();
    if (d.full_name() == "google.protobuf.Timestamp") {
      const int64_t seconds = r.GetInt64(m, d.field(0));
      const int32_t nanos = r.GetInt32(m, d.field(1));
      if (seconds < TimeUtil::kTimestampMinSeconds || seconds > TimeUtil::kTimestampMaxSeconds ||
          nanos < 0 || nanos > 999999999) {
        return false;  // protobuf refuses to print it
      }
      text::AppendTimestamp(seconds, nanos, &out_);
      return true;
    }
    if (IsWrapper(d)) {
      // The value itself, as protobuf writes it (an empty StringValue stays "").
      const FieldDescriptor& value = *d.FindFieldByNumber(1);
      if (value.cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
        std::string scratch;
        return Text(value, r.GetStringReference(m, &value, &scratch));
      }
      return Field(m, value, depth);
    }
    // The rest (Duration, FieldMask, Struct, Value, Any, Empty...) is rare in API resources:
    // protobuf's own mapping writes them.
    auto mapped = internal::ProtobufMappedJson(m);
    if (!mapped.ok()) return false;
    out_.append(mapped->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return true;
  }

  std::string& out_;
};

}  // namespace

bool AppendApiJson(const Message& m, std::string* out) { return Writer(out).Object(m, 0); }

bool AppendApiJsonField(const Message& m, const FieldDescriptor& f, std::string* out) {
  return Writer(out).Field(m, f, 0);
}

}  // namespace iris::json
