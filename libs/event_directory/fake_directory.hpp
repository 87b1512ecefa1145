// Events as a use case test sees them: the events it knows (and who may see them), or that it
// does not answer. Header-only, for unit and database tests.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "libs/event_directory/directory.hpp"

namespace iris::event_directory {

class FakeEventDirectory : public EventDirectory {
 public:
  absl::StatusOr<EventFacts> Event(const identity::Caller& caller, const std::string& id) override {
    ++asked;
    if (down) return absl::UnavailableError("events did not answer");
    auto it = events.find(id);
    if (it == events.end()) return EventFacts{};
    // A draft is seen by staff only, as events shows it.
    if (it->second.status == "draft" && caller.role != "network_admin" &&
        caller.role != "national_coordinator") {
      return EventFacts{};
    }
    return it->second;
  }

  std::map<std::string, EventFacts> events;
  bool down = false;
  int asked = 0;
};

}  // namespace iris::event_directory
