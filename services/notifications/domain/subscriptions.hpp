// A person's subscriptions (what reaches its inbox and mailbox), the defaults of its role until
// it chooses, and the rules of a new choice. Pure.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libs/values/text_rules.hpp"
#include "libs/values/types.hpp"

namespace iris::notifications::domain {

inline constexpr std::array<std::string_view, 2> kChannels = {"inbox", "email"};
inline constexpr std::string_view kDefaultLanguage = "en";

struct Subscriptions {
  std::vector<std::string> topics = {};     // patterns (topics.hpp)
  std::vector<std::string> countries = {};  // empty: all
  std::vector<std::string> channels = {};   // of kChannels
  std::string language = std::string(kDefaultLanguage);
  bool is_default = false;  // the role's defaults: the person has not chosen
  std::optional<values::Time> updated_at = {};
};

// A role's defaults (notifications.role_defaults).
struct RoleDefaults {
  std::vector<std::string> topics = {};
  std::vector<std::string> channels = {};
  bool own_country_only = false;  // coordinators: their own country
};

// The subscriptions a person has until it chooses: its role's defaults, limited to `country`
// when the role follows its own country only (and the person has one). A role without
// defaults receives nothing.
Subscriptions DefaultSubscriptions(const std::optional<RoleDefaults>& defaults,
                                   const std::string& country);

// A choice as sent: every problem named by field ("topics[2]", "countries[0]", "channels[1]",
// "language"), all at once. Returns the choice kept: each value once, language "en" when
// empty. Empty topics are allowed (nothing arrives).
Subscriptions CheckSubscriptions(const Subscriptions& sent,
                                 std::vector<values::InvalidField>* problems);

// At most this many countries in a subscription (there are fewer codes).
inline constexpr size_t kMaxSubscriptionCountries = 100;

}  // namespace iris::notifications::domain
