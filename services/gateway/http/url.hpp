// Percent-decoding of URL path segments and query components into UTF-8 text.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace iris::gateway::http {

// Decodes %XX escapes (and '+' as a space when `plus_as_space`, for query strings). A '%' not
// followed by two hex digits, decoded bytes that are not valid UTF-8, or a decoded NUL (Postgres
// text cannot hold one, so it would surface as a 500 later) give INVALID_ARGUMENT with reason
// "malformed": the edge answers 400.
absl::StatusOr<std::string> PercentDecode(std::string_view in, bool plus_as_space);

// True if `s` is well-formed UTF-8: no overlong forms, surrogates or code points past U+10FFFF.
bool IsValidUtf8(std::string_view s);

}  // namespace iris::gateway::http
