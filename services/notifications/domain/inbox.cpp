#include "services/notifications/domain/inbox.hpp"

#include <charconv>

namespace iris::notifications::domain {

std::optional<int64_t> ParseFeedCursor(std::string_view after) {
  if (after.empty()) return 0;
  if (after.size() > 19) return std::nullopt;
  for (char c : after) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  int64_t seq = 0;
  // 19 digits may still exceed int64 (9223372036854775807): from_chars says so.
  const auto [end, ec] = std::from_chars(after.data(), after.data() + after.size(), seq);
  if (ec != std::errc() || end != after.data() + after.size()) return std::nullopt;
  return seq;
}

}  // namespace iris::notifications::domain
