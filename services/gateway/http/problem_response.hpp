// The gateway's one RFC 9457 answer: problem+json body from libs/status, Content-Type, and
// Retry-After where the client should come back (429, 503).
#pragma once

#include <string>

#include "absl/status/status.h"
#include "services/gateway/http/http_types.hpp"

namespace iris::gateway::http {

// Without X-Request-Id: whoever sends the answer adds it once (the Chain for every answer it
// makes, the adapter for the answers it makes before the Chain runs).
HttpResponse ProblemResponse(const absl::Status& status, const std::string& request_id);

}  // namespace iris::gateway::http
