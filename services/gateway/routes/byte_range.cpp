#include "services/gateway/routes/byte_range.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "absl/strings/ascii.h"
#include "services/gateway/http/http_types.hpp"

namespace iris::gateway {
namespace {

// Digits only (no sign, no spaces), as a number; one too large for int64 (any more than 18
// digits) saturates at the maximum, beyond any file; nullopt when not digits.
std::optional<int64_t> Number(std::string_view digits) {
  if (digits.empty()) return std::nullopt;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  digits.remove_prefix(std::min(digits.find_first_not_of('0'), digits.size()));
  if (digits.size() > 18) return std::numeric_limits<int64_t>::max();
  int64_t n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

// a < b for digit strings of any length.
bool DigitsLess(std::string_view a, std::string_view b) {
  a.remove_prefix(std::min(a.find_first_not_of('0'), a.size()));
  b.remove_prefix(std::min(b.find_first_not_of('0'), b.size()));
  return a.size() != b.size() ? a.size() < b.size() : a < b;
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
  if (!b || DigitsLess(last, first)) return std::nullopt;
  // A last byte beyond any file: to the end (a first byte beyond it stays, for the 416).
  if (*b == std::numeric_limits<int64_t>::max()) return ByteRange{*a, 0};
  return ByteRange{*a, *b - *a + 1};
}

}  // namespace iris::gateway
