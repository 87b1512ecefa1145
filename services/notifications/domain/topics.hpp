// The topics people and partners subscribe to: every message type the services publish, who
// may receive each, and the patterns (wildcards) that name several. Pure rules, no I/O.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "libs/values/text_rules.hpp"

namespace iris::notifications::domain {

// Who may receive a message of a topic (API.md, DOMAIN.md "notifications"):
enum class Audience {
  kPublic,        // anyone: a published call, an award, an organisation that joined
  kOrganization,  // the organisation it concerns (its members) and staff
  kStaff,         // network admins; national coordinators of its countries
  kInternal,      // nobody: accounts, keys, demo loads (intake only; never fanned out)
};
std::string_view AudienceWord(Audience a);

struct TopicInfo {
  std::string_view topic;  // the message type
  std::string_view description;
  Audience audience;
  bool in_feed = true;  // a change (create, update, delete) listed by GET /v1/changes
  // Where the organisation it concerns is: a payload key, or "" for the subject itself
  // (membership.organization.*). Used for kOrganization.
  std::string_view organization_key = "organization_id";
  // A payload key naming the one person it also concerns (grants.reviewer.assigned:
  // reviewer_id), who receives it whatever the audience; "" for none.
  std::string_view person_key = "";
};

// Every topic, sorted by name. A service adding a message type adds it here (and its mail
// template under services/notifications/templates/).
std::span<const TopicInfo> Topics();
// The entry of a type; nullopt for a type no service announced (stored as kStaff, in the feed).
std::optional<TopicInfo> FindTopic(std::string_view type);

// A pattern is a topic, "*", or a prefix of whole segments followed by ".*" ("events.*",
// "grants.application.*"). True when `type` matches it.
bool TopicMatches(std::string_view pattern, std::string_view type);
// At most this many patterns in a subscription or an endpoint.
inline constexpr size_t kMaxTopicPatterns = 100;
// Each pattern must be well-formed and match at least one topic of Topics() that is not
// kInternal; one problem per bad pattern, named "<field>[i]", and one for too many. Returns the
// patterns kept (each once, in the order sent).
std::vector<std::string> CheckTopicPatterns(std::string_view field,
                                            const std::vector<std::string>& patterns,
                                            std::vector<values::InvalidField>* problems);
// Whether any pattern of the list matches `type`.
bool AnyTopicMatches(const std::vector<std::string>& patterns, std::string_view type);

}  // namespace iris::notifications::domain
