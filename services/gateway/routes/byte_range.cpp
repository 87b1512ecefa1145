#include "services/gateway/routes/byte_range.hpp"

#include <string>

#include "absl/strings/ascii.h"
#include "services/gateway/http/http_types.hpp"

namespace iris::gateway {
namespace {

// 1..18 digits (no sign, no spaces) as a number; nullopt otherwise.
std::optional<int64_t> Number(std::string_view digits) {
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  int64_t n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

std::optional<ByteRange> ParseRange(std::string_view header) {
  header = http::TrimOws(header);
  const size_t eq = header.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  if (absl::AsciiStrToLower(std::string(http::TrimOws(header.substr(0, eq)))) != "bytes") {
    return std::nullopt;
  }
  const std::string_view spec = http::TrimOws(header.substr(eq + 1));
  if (spec.find(',') != std::string_view::npos) return std::nullopt;  // multipart: not served
  const size_t dash = spec.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const std::string_view first = spec.substr(0, dash);
  const std::string_view last = spec.substr(dash + 1);
  if (first.empty()) {
    auto n = Number(last);
    if (!n) return std::nullopt;
    return ByteRange{-1, *n};
  }
  auto a = Number(first);
  if (!a) return std::nullopt;
  if (last.empty()) return ByteRange{*a, 0};
  auto b = Number(last);
  if (!b || *b < *a) return std::nullopt;
  return ByteRange{*a, *b - *a + 1};
}

}  // namespace iris::gateway
