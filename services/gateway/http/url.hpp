// Percent-decoding of URL path segments and query components into UTF-8 text.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace iris::gateway::http {

// Decodes %XX escapes (and '+' as a space when `plus_as_space`, for query strings). A '%' not
// followed by two hex digits, decoded bytes that are not valid UTF-8, or a decoded NUL (Postgres
// text cannot hold one, so it would surface as a 500 later) give INVALID_ARGUMENT with reason
// "malformed": the edge answers 400.
absl::StatusOr<std::string> PercentDecode(std::string_view in, bool plus_as_space);

// `raw` (a query as sent, name=value pairs joined by '&') decoded, in arrival order, repeated
// names kept, empty pairs skipped, a pair without '=' taken as an empty value. The first bad
// escape is the error PercentDecode gives.
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> DecodeQueryString(
    std::string_view raw);

// True if `s` is well-formed UTF-8: no overlong forms, surrogates or code points past U+10FFFF.
bool IsValidUtf8(std::string_view s);

}  // namespace iris::gateway::http
