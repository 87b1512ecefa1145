// What the intake derives from a published message before storing it, pure: who may receive it,
// the countries and organisation it concerns, the contact it carries (membership.user.*: kept
// as a recipient, never stored in the message) and the deadlines it sets or ends. Also the
// checks Publish makes of a batch before anything is stored.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "libs/values/text_rules.hpp"
#include "services/notifications/domain/message.hpp"
#include "services/notifications/domain/topics.hpp"

namespace iris::notifications::domain {

// A message as stored: the published fields plus what FindTopic and the payload say.
struct StoredMessage {
  Message message = {};  // payload without contact (kContactKeys)
  Audience audience = Audience::kStaff;
  bool in_feed = true;
  bool known_type = true;  // false: no service announced the type (stored as staff, in the feed)
  std::vector<std::string> countries = {};
  std::string organization_id = {};  // "" when none
  std::string person_id = {};        // "" when none
};
StoredMessage Derive(const Message& m);

// The payload keys that are contact data: kept in recipients, removed from the message.
inline constexpr std::string_view kContactKeys[] = {"email", "name"};

// A person notifications may write to, from membership.user.created|enabled|disabled.
struct RecipientUpdate {
  std::string id = {};
  std::string email = {};
  std::string name = {};
  std::string role = {};
  std::string organization_id = {};  // "" when none
  std::string country = {};          // "" when none
  bool active = true;
};
// nullopt for any other type, or a payload without a role (nothing to learn from it).
std::optional<RecipientUpdate> RecipientOf(const Message& m);

// A deadline learnt from a message (reminders), or the end of one.
struct DeadlineChange {
  bool remove = false;    // true: delete (kind, subject_id)
  std::string kind = {};  // the reminder's type
  std::string subject_id = {};
  std::string due_at = {};  // RFC 3339, as published (upserts only)
  std::vector<std::string> countries = {};
  nlohmann::json payload = nlohmann::json::object();  // what the reminder's data carries
};
// The deadline rules (table-driven: grants calls' closes_at, events' registration_closes_at)
// applied to one stored message; nullopt when it sets or ends none.
std::optional<DeadlineChange> DeadlineOf(const StoredMessage& m);

// At most this many messages in one Publish.
inline constexpr size_t kMaxPublishBatch = 500;
// Whether `source` names a service that publishes (the first segment of some topic).
bool KnownSource(std::string_view source);
// Every problem of a batch, fields named "source", "messages", "messages[i].<field>". A
// message whose payload_json did not parse carries a payload that is not an object.
std::vector<values::InvalidField> CheckPublished(std::string_view source,
                                                 const std::vector<Message>& messages);

}  // namespace iris::notifications::domain
