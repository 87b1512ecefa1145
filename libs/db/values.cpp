#include "libs/db/values.hpp"

#include <ctime>

#include <nlohmann/json.hpp>

#include "absl/strings/str_format.h"

namespace iris::db {

Time TimeOf(const pqxx::field& micros_since_epoch) {
  return Time(std::chrono::microseconds(micros_since_epoch.as<int64_t>()));
}

std::optional<Time> OptionalTimeOf(const pqxx::field& micros_since_epoch) {
  if (micros_since_epoch.is_null()) return std::nullopt;
  return TimeOf(micros_since_epoch);
}

std::optional<std::string> OptionalText(const pqxx::field& text) {
  if (text.is_null()) return std::nullopt;
  return text.as<std::string>();
}

std::vector<std::string> TextArrayOf(const pqxx::field& json_array) {
  std::vector<std::string> out;
  for (const auto& item : nlohmann::json::parse(json_array.c_str())) {
    out.push_back(item.get<std::string>());
  }
  return out;
}

values::LocalizedText LocalizedTextOf(const pqxx::field& json_object) {
  values::LocalizedText out;
  // Keep the document alive for the loop: items() of a temporary dangles.
  const auto doc = nlohmann::json::parse(json_object.c_str());
  for (const auto& [tag, text] : doc.items()) {
    if (text.is_string()) out[tag] = text.get<std::string>();
  }
  return out;
}

std::string LocalizedTextJson(const values::LocalizedText& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string TimestampText(int64_t us) {
  int64_t secs = us / 1000000, frac = us % 1000000;
  if (frac < 0) {
    frac += 1000000;
    --secs;
  }
  const std::time_t t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return absl::StrFormat("%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                         tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(frac));
}

std::string TextArray(const std::vector<std::string>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

std::optional<std::string> AnyOf(const std::vector<std::string>& values) {
  if (values.empty()) return std::nullopt;
  return TextArray(values);
}

}  // namespace iris::db
