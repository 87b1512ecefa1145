// The one vocabulary of problem types (RFC 9457 `type`): every problem any service or the
// gateway answers is `/problems/<name>` with a name from this registry, and `GET
// /problems/<name>` explains it. A status whose reason is not registered is answered with the
// default type of its code, so no answer carries an unexplained type (or `about:blank`).
#pragma once

#include <span>
#include <string_view>

#include "absl/status/status.h"

namespace iris::status {

struct ProblemType {
  std::string_view name;    // the last segment of `/problems/<name>`
  absl::StatusCode code;    // the code a status of this type carries
  int http_status;          // what HttpStatusFor answers for it
  std::string_view title;   // one line
  std::string_view detail;  // what it means and what the client can do about it
};

// Every type, in the order of their HTTP statuses.
std::span<const ProblemType> ProblemTypes();

// The registered type `name`, or nullptr.
const ProblemType* FindProblemType(std::string_view name);

// The type of a non-OK status: its reason when registered, else the default of its code
// (NOT_FOUND -> not_found, PERMISSION_DENIED -> forbidden, INTERNAL -> internal, ...).
// HttpStatusFor answers this type's status: the two cannot disagree.
const ProblemType& ProblemTypeOf(const absl::Status& status);

}  // namespace iris::status
