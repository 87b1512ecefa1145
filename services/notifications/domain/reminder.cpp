#include "services/notifications/domain/reminder.hpp"

#include "absl/strings/str_cat.h"
#include "libs/values/sha256.hpp"

namespace iris::notifications::domain {

std::string ReminderId(const Deadline& d) {
  const std::string h = values::Sha256Hex(
      absl::StrCat(d.kind, "\n", d.subject_id, "\n", d.due_at.time_since_epoch().count()));
  // RFC 4122 layout with version 5 and the variant bits, like a name-based uuid.
  std::string id = absl::StrCat(h.substr(0, 8), "-", h.substr(8, 4), "-5", h.substr(13, 3), "-");
  static constexpr char kVariant[] = "89ab";
  id += kVariant[std::stoi(h.substr(16, 1), nullptr, 16) & 3];
  absl::StrAppend(&id, h.substr(17, 3), "-", h.substr(20, 12));
  return id;
}

Message ReminderMessage(const Deadline& d, values::Time now) {
  Message m;
  m.id = ReminderId(d);
  m.source = "notifications";
  m.type = d.kind;
  m.subject_id = d.subject_id;
  m.payload = d.payload.is_object() ? d.payload : nlohmann::json::object();
  if (!m.payload.contains("id")) m.payload["id"] = d.subject_id;
  if (!d.countries.empty() && !m.payload.contains("eligible_countries") &&
      !m.payload.contains("countries")) {
    m.payload["countries"] = d.countries;
  }
  m.occurred_at = now;
  return m;
}

}  // namespace iris::notifications::domain
