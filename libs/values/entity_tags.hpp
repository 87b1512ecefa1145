// If-None-Match against an entity tag (RFC 9110 §13.1.2): a list of tags or "*", compared
// weakly (W/"x" matches "x"). One rule for the gateway's cached answers and the documents
// service's files.
#pragma once

#include <string_view>

namespace iris::values {

// Whether `if_none_match` (one header value) names `etag` (quoted, W/ allowed) or is "*".
bool NoneMatch(std::string_view if_none_match, std::string_view etag);

}  // namespace iris::values
