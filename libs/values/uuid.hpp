// The textual form of the ids every service issues (Postgres gen_random_uuid()).
#pragma once

#include <string_view>

namespace iris::values {

// True for the canonical 8-4-4-4-12 hex form, any case: what Postgres accepts as a uuid. Ids
// from clients are checked before they reach SQL, so a malformed one is "not found", not a
// database error.
bool IsUuid(std::string_view text);

}  // namespace iris::values
