// The field rules of an event's create or patch (event.hpp's NewEvent and ApplyPatch): each
// field's own checks, then the rules between fields, every problem at once.
#pragma once

#include <vector>

#include "services/events/domain/event.hpp"

namespace iris::events::domain {

// Applies every field `patch` sent to `event`, adding each broken rule to *problems, named as
// the body names it. `creating`: the required fields must be sent.
void ApplyFields(const EventPatch& patch, Event* event, bool creating,
                 std::vector<InvalidField>* problems);

}  // namespace iris::events::domain
