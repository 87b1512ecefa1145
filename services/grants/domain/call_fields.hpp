// The field rules of a grant call's create or patch (call.hpp's NewCall and ApplyPatch): each
// field's own checks, then the rules between fields, every problem at once.
#pragma once

#include <vector>

#include "services/grants/domain/call.hpp"

namespace iris::grants::domain {

// Applies every field `patch` sent to `call`, adding each broken rule to *problems, named as the
// body names it. `creating`: the required fields must be sent.
void ApplyFields(const CallPatch& patch, GrantCall* call, bool creating,
                 std::vector<InvalidField>* problems);

}  // namespace iris::grants::domain
