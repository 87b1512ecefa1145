// What a service asks events (over gRPC, events_client.hpp): whether an event exists as the
// caller sees it, and a few of its facts. An interface, so use cases are tested with a fake
// directory (fake_directory.hpp). Documents asks it for the events a campaign links.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "libs/identity/caller.hpp"

namespace iris::event_directory {

// An event as events shows it to the caller. exists is false when events does not know it or
// does not show it to this caller (a draft it may not manage: NOT_FOUND there).
struct EventFacts {
  bool exists = false;
  std::string status;  // draft | published | completed | cancelled
  std::string country;
};

class EventDirectory {
 public:
  virtual ~EventDirectory() = default;
  // Asked as `caller` (its signed assertion travels along) within the configured deadline.
  // UNAVAILABLE when events does not answer in time or is down: the request is a 503.
  virtual absl::StatusOr<EventFacts> Event(const identity::Caller& caller,
                                           const std::string& event_id) = 0;
};

}  // namespace iris::event_directory
