#include "services/gateway/http/http_types.hpp"

#include "absl/strings/ascii.h"

namespace iris::gateway::http {

std::optional<std::string> HttpRequest::HeaderValue(std::string_view lower_name) const {
  for (const auto& h : headers) {
    if (h.name == lower_name) return h.value;
  }
  return std::nullopt;
}

std::optional<std::string> HttpRequest::QueryValue(std::string_view name) const {
  for (const auto& [n, v] : query) {
    if (n == name) return v;
  }
  return std::nullopt;
}

std::vector<std::string> HttpRequest::QueryValues(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [n, v] : query) {
    if (n == name) out.push_back(v);
  }
  return out;
}

bool HasHeader(const std::vector<Header>& headers, std::string_view lower_name) {
  for (const auto& h : headers) {
    if (absl::AsciiStrToLower(h.name) == lower_name) return true;
  }
  return false;
}

void SetHeader(std::vector<Header>& headers, std::string_view name, std::string value) {
  const std::string lower = absl::AsciiStrToLower(std::string(name));
  bool set = false;
  for (auto& h : headers) {
    if (absl::AsciiStrToLower(h.name) == lower) {
      h.value = value;
      set = true;
    }
  }
  if (!set) headers.push_back({std::string(name), std::move(value)});
}

std::string_view TrimOws(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  return value;
}

bool IsJsonContentType(std::string_view content_type) {
  const std::string mime =
      absl::AsciiStrToLower(std::string(TrimOws(content_type.substr(0, content_type.find(';')))));
  if (mime == "application/json") return true;
  return mime.rfind("application/", 0) == 0 && mime.size() > 5 &&
         mime.compare(mime.size() - 5, 5, "+json") == 0;
}

}  // namespace iris::gateway::http
