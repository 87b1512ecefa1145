#include "libs/json/json_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <type_traits>

#include <nlohmann/json.hpp>

namespace iris::json::text {
namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 character at the start of `s` (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when it is not one.
size_t Utf8Length(std::string_view s) {
  const auto b = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const auto cont = [&](size_t i) { return i < s.size() && (b(i) & 0xC0) == 0x80; };
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
    if (c == 0xED && b(1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && b(1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

void AppendNumberText(const std::string& number, std::string* out) {
  // The API's numbers have always been protobuf's text read and written again by nlohmann;
  // doubles are rare in API resources, so exactness wins over speed here.
  const auto j = nlohmann::json::parse(number, nullptr, /*allow_exceptions=*/false);
  *out += j.is_number() ? j.dump() : number;
}

// Protobuf's JSON printer writes finite numbers as SimpleDtoa / SimpleFtoa do (its
// strutil.cc): the shorter %g that reads back to the same value, `digits` (15 for a double, 6
// for a float) else `max_digits` (17, 9). Written here because that header is protobuf's
// internal one; json_writer_test holds the result to protobuf's own output.
template <typename T>
std::string ProtobufNumberText(T v, int digits, int max_digits) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*g", digits, static_cast<double>(v));
  const bool reads_back =
      std::is_same_v<T, float> ? std::strtof(buf, nullptr) == v : std::strtod(buf, nullptr) == v;
  if (!reads_back) std::snprintf(buf, sizeof buf, "%.*g", max_digits, static_cast<double>(v));
  return buf;
}

template <typename T>
void AppendFloating(T v, int digits, int max_digits, std::string* out) {
  if (std::isnan(v)) {
    out->append("\"NaN\"");
  } else if (std::isinf(v)) {
    out->append(v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
  } else {
    AppendNumberText(ProtobufNumberText(v, digits, max_digits), out);
  }
}

}  // namespace

void AppendString(std::string_view s, std::string* out) {
  out->reserve(out->size() + s.size() + 2);
  out->push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    // Copy the run that needs nothing, then deal with the one byte that ends it.
    size_t run = i;
    while (run < s.size()) {
      const auto c = static_cast<unsigned char>(s[run]);
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
      ++run;
    }
    out->append(s.data() + i, run - i);
    i = run;
    if (i == s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t n = Utf8Length(s.substr(i));
      if (n == 0) {
        out->append(kReplacement);
        ++i;
      } else {
        out->append(s.data() + i, n);
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\t': out->append("\\t"); break;
      case '\n': out->append("\\n"); break;
      case '\f': out->append("\\f"); break;
      case '\r': out->append("\\r"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xF]);
    }
    ++i;
  }
  out->push_back('"');
}

void AppendInt(std::int64_t v, std::string* out) {
  char buf[24];
  out->append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

void AppendUint(std::uint64_t v, std::string* out) {
  char buf[24];
  out->append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

void AppendDouble(double v, std::string* out) { AppendFloating(v, 15, 17, out); }
void AppendFloat(float v, std::string* out) { AppendFloating(v, 6, 9, out); }

namespace {

void AppendDigits(std::int64_t v, int width, std::string* out) {
  char buf[16];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  out->append(buf, width);
}

}  // namespace

void AppendTimestamp(std::int64_t seconds, std::int32_t nanos, std::string* out) {
  // Days since 1970-01-01 to a civil date (H. Hinnant's days_from_civil, inverted), which
  // holds for the whole proleptic Gregorian range protobuf allows; TimeUtil's printf-based
  // formatting was a third of the writer's time.
  std::int64_t days = seconds / 86400;
  std::int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  out->push_back('"');
  AppendDigits(year, 4, out);
  out->push_back('-');
  AppendDigits(month, 2, out);
  out->push_back('-');
  AppendDigits(day, 2, out);
  out->push_back('T');
  AppendDigits(rest / 3600, 2, out);
  out->push_back(':');
  AppendDigits(rest / 60 % 60, 2, out);
  out->push_back(':');
  AppendDigits(rest % 60, 2, out);
  if (nanos != 0) {
    out->push_back('.');
    if (nanos % 1000000 == 0) {
      AppendDigits(nanos / 1000000, 3, out);
    } else if (nanos % 1000 == 0) {
      AppendDigits(nanos / 1000, 6, out);
    } else {
      AppendDigits(nanos, 9, out);
    }
  }
  out->append("Z\"");
}

}  // namespace iris::json::text
