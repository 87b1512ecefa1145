#include "services/notifications/domain/intake_rules.hpp"

#include <algorithm>
#include <array>
#include <regex>

#include "absl/time/time.h"
#include "libs/values/uuid.hpp"

namespace iris::notifications::domain {
namespace {

// The strings of a payload array; anything else in it is ignored (thin payloads may change).
std::vector<std::string> StringsOf(const nlohmann::json& v) {
  std::vector<std::string> out;
  if (!v.is_array()) return out;
  for (const auto& e : v) {
    if (e.is_string() && std::find(out.begin(), out.end(), e.get<std::string>()) == out.end()) {
      out.push_back(e.get<std::string>());
    }
  }
  return out;
}

std::string StringAt(const nlohmann::json& payload, std::string_view key) {
  if (key.empty() || !payload.is_object()) return "";
  auto it = payload.find(std::string(key));
  return it != payload.end() && it->is_string() ? it->get<std::string>() : "";
}

// One reminder kind: the messages that set its deadline (with the status they must carry, ""
// for any), the payload key holding the time, and the messages that end it.
struct DeadlineRule {
  std::string_view kind;
  std::array<std::string_view, 2> set_by;
  std::string_view required_status;
  std::string_view due_key;
  std::array<std::string_view, 3> removed_by;
};
constexpr std::array<DeadlineRule, 2> kDeadlineRules{{
    {"grants.call.closing",
     {"grants.call.opened", "grants.call.updated"},
     "open",
     "closes_at",
     {"grants.call.closed", "grants.call.finalized", "grants.call.archived"}},
    {"events.registration.closing",
     {"events.event.published", "events.event.updated"},
     "published",  // a draft's deadline is nobody's business: the reminder is public
     "registration_closes_at",
     {"events.event.cancelled", "events.event.completed", ""}},
}};

// RFC 3339 as services write it; anything else would fail the cast in Postgres and, with it,
// every redelivery of the batch.
bool IsRfc3339(const std::string& text) {
  static const std::regex kPattern(
      R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$)");
  if (!std::regex_match(text, kPattern)) return false;
  // A real instant too: 2026-02-30 has the shape and would still fail the cast.
  absl::Time t;
  std::string error;
  return absl::ParseTime(absl::RFC3339_full, text, &t, &error);
}

bool ValidType(std::string_view type) {
  // ^[a-z_]+(\.[a-z_]+)+$
  bool segment_start = true;
  int dots = 0;
  for (char c : type) {
    if (c == '.') {
      if (segment_start) return false;
      segment_start = true;
      ++dots;
    } else if ((c >= 'a' && c <= 'z') || c == '_') {
      segment_start = false;
    } else {
      return false;
    }
  }
  return !segment_start && dots > 0;
}

}  // namespace

StoredMessage Derive(const Message& m) {
  StoredMessage s{.message = m};
  const auto topic = FindTopic(m.type);
  s.known_type = topic.has_value();
  s.audience = topic ? topic->audience : Audience::kStaff;
  s.in_feed = topic ? topic->in_feed : true;
  const nlohmann::json& p = m.payload;
  if (!m.country.empty()) {
    s.countries = {m.country};
  } else if (p.is_object() && p.contains("eligible_countries")) {
    s.countries = StringsOf(p["eligible_countries"]);
  } else if (p.is_object() && p.contains("countries")) {
    s.countries = StringsOf(p["countries"]);
  }
  if (topic) {
    s.organization_id =
        topic->organization_key.empty() ? m.subject_id : StringAt(p, topic->organization_key);
    s.person_id = StringAt(p, topic->person_key);
  } else {
    s.organization_id = StringAt(p, "organization_id");
  }
  if (s.message.payload.is_object()) {
    for (auto key : kContactKeys) s.message.payload.erase(std::string(key));
  }
  return s;
}

std::optional<RecipientUpdate> RecipientOf(const Message& m) {
  if (m.type != "membership.user.created" && m.type != "membership.user.enabled" &&
      m.type != "membership.user.disabled") {
    return std::nullopt;
  }
  const nlohmann::json& p = m.payload;
  const std::string role = StringAt(p, "role");
  if (role.empty()) return std::nullopt;
  std::string id = StringAt(p, "id");
  if (id.empty()) id = m.subject_id;
  return RecipientUpdate{.id = id,
                         .email = StringAt(p, "email"),
                         .name = StringAt(p, "name"),
                         .role = role,
                         .organization_id = StringAt(p, "organization_id"),
                         .country = StringAt(p, "country"),
                         .active = StringAt(p, "status") == "active"};
}

std::optional<DeadlineChange> DeadlineOf(const StoredMessage& s) {
  const Message& m = s.message;
  for (const auto& rule : kDeadlineRules) {
    const bool removes = std::find(rule.removed_by.begin(), rule.removed_by.end(),
                                   std::string_view(m.type)) != rule.removed_by.end();
    if (removes)
      return DeadlineChange{
          .remove = true, .kind = std::string(rule.kind), .subject_id = m.subject_id};
    const bool sets = std::find(rule.set_by.begin(), rule.set_by.end(), std::string_view(m.type)) !=
                      rule.set_by.end();
    if (!sets) continue;
    if (!rule.required_status.empty() && StringAt(m.payload, "status") != rule.required_status) {
      return std::nullopt;
    }
    const std::string due = StringAt(m.payload, rule.due_key);
    if (!IsRfc3339(due)) return std::nullopt;
    nlohmann::json payload = {{"id", m.subject_id}, {std::string(rule.due_key), due}};
    if (m.payload.contains("title")) payload["title"] = m.payload["title"];
    return DeadlineChange{.remove = false,
                          .kind = std::string(rule.kind),
                          .subject_id = m.subject_id,
                          .due_at = due,
                          .countries = s.countries,
                          .payload = std::move(payload)};
  }
  return std::nullopt;
}

bool KnownSource(std::string_view source) {
  if (source.empty()) return false;
  const auto topics = Topics();
  return std::any_of(topics.begin(), topics.end(), [&](const TopicInfo& t) {
    return t.topic.size() > source.size() && t.topic.starts_with(source) &&
           t.topic[source.size()] == '.';
  });
}

std::vector<values::InvalidField> CheckPublished(std::string_view source,
                                                 const std::vector<Message>& messages) {
  std::vector<values::InvalidField> problems;
  if (!KnownSource(source)) problems.push_back({"source", "must name a publishing service"});
  if (messages.size() > kMaxPublishBatch) {
    problems.push_back(
        {"messages", "at most " + std::to_string(kMaxPublishBatch) + " messages at once"});
    return problems;
  }
  const std::string prefix = std::string(source) + ".";
  for (size_t i = 0; i < messages.size(); ++i) {
    const Message& m = messages[i];
    const std::string at = "messages[" + std::to_string(i) + "].";
    if (!values::IsUuid(m.id)) problems.push_back({at + "id", "must be a uuid"});
    if (!ValidType(m.type) || !m.type.starts_with(prefix)) {
      problems.push_back({at + "type", "must be \"" + prefix + "<resource>.<event>\""});
    }
    if (m.subject_id.empty()) problems.push_back({at + "subject_id", "is required"});
    if (m.occurred_at.time_since_epoch().count() <= 0) {
      problems.push_back({at + "occurred_at", "is required"});
    }
    if (!m.payload.is_object()) problems.push_back({at + "payload_json", "must be a JSON object"});
  }
  return problems;
}

}  // namespace iris::notifications::domain
