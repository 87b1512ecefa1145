// The one mapping from status codes to HTTP statuses and the one RFC 9457 problem renderer.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace iris::status {

// HTTP status for a status: its problem type's (problem_types.hpp), 200 for OK.
int HttpStatusFor(const absl::Status& status);

// True for statuses that tell the client to come back later (429, 503).
bool NeedsRetryAfter(int http_status);

// A rendered problem: HTTP status and the application/problem+json body.
struct Problem {
  int http_status = 500;
  std::string body;
};

// Renders `status` as RFC 9457 problem+json: type (/problems/<name>, problem_types.hpp), its
// title, status, detail, instance (urn:request:<id>) and errors[] for field errors. INTERNAL and
// unknown codes get a generic detail: the message of our own bug is logged, never sent.
Problem ProblemFor(const absl::Status& status, std::string_view request_id);

// Reason phrase for an HTTP status ("Not Found").
std::string_view ReasonPhrase(int http_status);

}  // namespace iris::status
