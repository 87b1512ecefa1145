// An event's agenda sessions: titled slots with speakers inside the event's time. Pure rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/events/domain/event.hpp"

namespace iris::events::domain {

inline constexpr size_t kMaxSpeakers = 50;
inline constexpr size_t kMaxSpeakerName = 200;
inline constexpr size_t kMaxSpeakerOrganization = 200;
inline constexpr size_t kMaxSessionDescription = 5000;

struct Speaker {
  std::string name;
  std::string organization;  // free text: ministries, UNICEF, IOM are not members
  bool operator==(const Speaker&) const = default;
};

struct Session {
  std::string id;
  std::string event_id;
  LocalizedText title;
  LocalizedText description;
  Time starts_at;
  Time ends_at;
  std::vector<Speaker> speakers;
  int64_t version = 1;
  Time created_at;
  Time updated_at;
};

struct SessionInput {
  std::optional<LocalizedText> title, description;
  std::optional<std::optional<Time>> starts_at, ends_at;
  std::optional<std::vector<Speaker>> speakers;
  std::vector<std::string> read_only_sent;  // id, event_id, version, ...
  std::vector<std::string> unknown_sent;
};

bool IsReadOnlySessionField(std::string_view field);

// A new session of `event` from `input`, every problem at once: the time must lie inside the
// event's (422 on starts_at / ends_at otherwise).
std::vector<InvalidField> NewSession(const SessionInput& input, const Event& event, Session* out);

// Whether the event's sessions, spanning [first_start, last_end], still fit its time: the
// problems a reschedule makes (on starts_at / ends_at).
std::vector<InvalidField> SessionsFit(const Event& event, Time first_start, Time last_end);

// A session may be added while the event is a draft or published (not once it is history).
bool TakesSessions(const Event& event);

}  // namespace iris::events::domain
