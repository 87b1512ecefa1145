#include "libs/json/tests/random_message.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace iris::json::testing {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

template <typename T>
T Pick(std::mt19937_64& rng, const std::vector<T>& choices) {
  return choices[rng() % choices.size()];
}

bool Coin(std::mt19937_64& rng) { return (rng() & 1) != 0; }

std::string Text(std::mt19937_64& rng, const RandomMessageOptions& o) {
  static const std::vector<std::string> kTexts = {"",
                                                  "a",
                                                  "Beograd",
                                                  "Ćirilica: Ђорђе Јовановић",
                                                  "quote \" and back\\slash",
                                                  "control \x01\x1f\x7f and \b\f\n\r\t",
                                                  "emoji 😀 and 中文",
                                                  "</script>&'",
                                                  " ",
                                                  std::string(300, 'x'),
                                                  "Shqipëri",
                                                  "Zürich/ä",
                                                  "\xE2\x80\xA8 line separator"};
  std::string s = Pick(rng, kTexts);
  if (o.invalid_utf8 && rng() % 3 == 0) {
    static const std::vector<std::string> kBad = {"\xFF",     "\xC0\xAF",         "\xED\xA0\x80",
                                                  "\xE2\x82", "\xF4\x90\x80\x80", "\x80"};
    s.insert(rng() % (s.size() + 1), Pick(rng, kBad));
  }
  return s;
}

std::string Bytes(std::mt19937_64& rng) {
  std::string s(rng() % 6, '\0');
  for (char& c : s) c = static_cast<char>(rng());
  return s;
}

int64_t Int64(std::mt19937_64& rng) {
  return Pick<int64_t>(rng, {0, 1, -1, 42, (int64_t{1} << 53) + 1, -(int64_t{1} << 53) - 1,
                             std::numeric_limits<int64_t>::max(),
                             std::numeric_limits<int64_t>::min(), static_cast<int64_t>(rng())});
}

double Double(std::mt19937_64& rng) {
  return Pick<double>(
      rng,
      {0.0, -0.0, 0.1, 1.5, 3.0, -2.25, 1e21, 1e-7, 123456789.125, 1e300,
       std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
       -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::max(),
       std::numeric_limits<double>::denorm_min(), static_cast<double>(rng() % 1000000) / 1000.0});
}

int EnumNumber(std::mt19937_64& rng, const google::protobuf::EnumDescriptor& e, bool unknown) {
  if (rng() % 5 == 0) return 0;
  if (unknown && rng() % 7 == 0 &&
      e.file()->syntax() == google::protobuf::FileDescriptor::SYNTAX_PROTO3) {
    return 99;  // a value this build does not know (proto3 enums are open)
  }
  return e.value(static_cast<int>(rng() % e.value_count()))->number();
}

void FillTimestamp(Message* m, std::mt19937_64& rng) {
  const Descriptor& d = *m->GetDescriptor();
  const Reflection& r = *m->GetReflection();
  // Mostly valid instants, with the limits and, rarely, one protobuf refuses to print.
  constexpr int64_t kMin = -62135596800, kMax = 253402300799;  // years 1 to 9999
  const int64_t anywhere =
      kMin + static_cast<int64_t>(rng() % static_cast<uint64_t>(kMax - kMin + 1));
  const int64_t seconds = Pick<int64_t>(
      rng, {0, -1, 1700000000, kMin, kMax, 951782400 /* 2000-02-29 */, anywhere, anywhere,
            1690000000 + static_cast<int64_t>(rng() % 1000000), rng() % 50 == 0 ? kMax + 1 : 1});
  const int32_t nanos = Pick<int32_t>(
      rng, {0, 0, 1000000, 120000000, 123456000, 123456789, 999999999, rng() % 50 == 0 ? -1 : 5});
  r.SetInt64(m, d.FindFieldByNumber(1), seconds);
  r.SetInt32(m, d.FindFieldByNumber(2), nanos);
}

void SetScalar(Message* m, const FieldDescriptor& f, std::mt19937_64& rng,
               const RandomMessageOptions& o) {
  const Reflection& r = *m->GetReflection();
  const bool rep = f.is_repeated();
  switch (f.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: {
      const auto v = static_cast<int32_t>(Pick<int64_t>(rng, {0, 1, -1, INT32_MAX, INT32_MIN, 7}));
      rep ? r.AddInt32(m, &f, v) : r.SetInt32(m, &f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      const auto v = Int64(rng);
      rep ? r.AddInt64(m, &f, v) : r.SetInt64(m, &f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      const auto v = static_cast<uint32_t>(Pick<uint64_t>(rng, {0, 1, UINT32_MAX, 7}));
      rep ? r.AddUInt32(m, &f, v) : r.SetUInt32(m, &f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      const auto v = static_cast<uint64_t>(Int64(rng));
      rep ? r.AddUInt64(m, &f, v) : r.SetUInt64(m, &f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      const auto v = Double(rng);
      rep ? r.AddDouble(m, &f, v) : r.SetDouble(m, &f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_FLOAT: {
      const auto v = static_cast<float>(Double(rng));
      rep ? r.AddFloat(m, &f, v) : r.SetFloat(m, &f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      const bool v = Coin(rng);
      rep ? r.AddBool(m, &f, v) : r.SetBool(m, &f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const int v = EnumNumber(rng, *f.enum_type(), !o.as_clients_send);
      rep ? r.AddEnumValue(m, &f, v) : r.SetEnumValue(m, &f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_STRING: {
      auto v = f.type() == FieldDescriptor::TYPE_BYTES ? Bytes(rng) : Text(rng, o);
      rep ? r.AddString(m, &f, std::move(v)) : r.SetString(m, &f, std::move(v));
      break;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: break;
  }
}

}  // namespace

void FillRandom(Message* m, std::mt19937_64& rng, const RandomMessageOptions& o, int depth) {
  const Descriptor& d = *m->GetDescriptor();
  const Reflection& r = *m->GetReflection();
  if (d.full_name() == "google.protobuf.Timestamp") return FillTimestamp(m, rng);
  if (o.as_clients_send && d.full_name() == "google.protobuf.FieldMask") {
    const int n = static_cast<int>(rng() % (o.max_repeated + 1));
    for (int k = 0; k < n; ++k) {
      r.AddString(m, d.field(0), Pick<std::string>(rng, {"name", "website", "target_groups"}));
    }
    return;
  }
  if (o.as_clients_send && d.full_name() == "iris.common.v1.LocalizedText") {
    // A client sends a language at least ({} is refused where a map needs one entry).
    const int n = 1 + static_cast<int>(rng() % o.max_repeated);
    for (int k = 0; k < n; ++k) {
      Message* entry = r.AddMessage(m, d.field(0));
      SetScalar(entry, *d.field(0)->message_type()->map_key(), rng, o);
      SetScalar(entry, *d.field(0)->message_type()->map_value(), rng, o);
    }
    return;
  }
  for (int i = 0; i < d.field_count(); ++i) {
    const FieldDescriptor& f = *d.field(i);
    if (!Coin(rng)) continue;
    if (f.is_map()) {
      const int n = static_cast<int>(rng() % (o.max_repeated + 1));
      for (int k = 0; k < n; ++k) {
        Message* entry = r.AddMessage(m, &f);
        const FieldDescriptor& key = *f.message_type()->map_key();
        SetScalar(entry, key, rng, o);
        const FieldDescriptor& value = *f.message_type()->map_value();
        if (value.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
          if (depth < o.max_depth) {
            FillRandom(entry->GetReflection()->MutableMessage(entry, &value), rng, o, depth + 1);
          }
        } else {
          SetScalar(entry, value, rng, o);
        }
      }
    } else if (f.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (depth >= o.max_depth) continue;
      const int n = f.is_repeated() ? static_cast<int>(rng() % (o.max_repeated + 1)) : 1;
      for (int k = 0; k < n; ++k) {
        Message* sub = f.is_repeated() ? r.AddMessage(m, &f) : r.MutableMessage(m, &f);
        FillRandom(sub, rng, o, depth + 1);
      }
    } else if (f.is_repeated()) {
      const int n = static_cast<int>(rng() % (o.max_repeated + 1));
      for (int k = 0; k < n; ++k) SetScalar(m, f, rng, o);
    } else {
      SetScalar(m, f, rng, o);
    }
  }
}

}  // namespace iris::json::testing
