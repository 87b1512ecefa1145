#include "libs/db/conninfo.hpp"

#include <cctype>

namespace iris::db::internal {
namespace {

bool IsUri(const std::string& url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

std::string PercentEncode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

// key=value strings take single-quoted values with \ escaping ' and \.
std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

std::string WithParams(const std::string& url,
                       const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out = url;
  if (IsUri(url)) {
    char sep = url.find('?') == std::string::npos ? '?' : '&';
    for (const auto& [key, value] : params) {
      out += sep;
      out += key + "=" + PercentEncode(value);
      sep = '&';
    }
  } else {
    for (const auto& [key, value] : params) {
      if (!out.empty()) out += ' ';
      out += key + "=" + Quote(value);
    }
  }
  return out;
}

}  // namespace iris::db::internal
