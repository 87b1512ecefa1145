// An item of a person's inbox (one per message per person) and an item of the change feed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "libs/values/types.hpp"

namespace iris::notifications::domain {

struct InboxItem {
  std::string id = {};
  std::string message_id = {};
  std::string type = {};
  std::string subject_id = {};
  std::string country = {};  // the message's one country; "" for none or several
  nlohmann::json data = nlohmann::json::object();
  values::Time occurred_at = {};
  values::Time created_at = {};
  std::optional<values::Time> read_at = {};
};

// A change of the feed: a stored message in_feed, by its seq.
struct FeedChange {
  int64_t seq = 0;
  std::string type = {};
  std::string subject_id = {};
  values::Time occurred_at = {};
};

// The feed's paging: `after` a cursor it gave (the decimal seq, 1-19 digits within int64; ""
// from the beginning), limit 1..kMaxFeedLimit (0: the default).
inline constexpr int kDefaultFeedLimit = 100;
inline constexpr int kMaxFeedLimit = 500;
// The seq after which to read; nullopt when `after` is not a cursor of the feed.
std::optional<int64_t> ParseFeedCursor(std::string_view after);

}  // namespace iris::notifications::domain
