// Every error of a request body in one answer (API.md "Errors"): the gateway's field errors
// (types, enum words, unknown fields, control characters) and the service's rule errors
// together, instead of one round trip per kind.
//
// How: the gateway leaves out the fields it found wrong and asks the service for a dry run of
// the rest (identity::Caller::dry_run: every rule, nothing written). This file decides what the
// client gets from both findings.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "libs/status/status.hpp"

namespace iris::gateway {

// The answer to a request whose body had `found` errors, given how the service's dry run of
// the rest ended:
//  - 401, 403, 404 and 412 (stale_version) win: they are about the caller, the resource or its
//    version, which the service decides before the body, and no body fix changes them;
//  - rule errors (validation) are added to `found`, except those on a field `found` already
//    names, on one inside it or on one containing it (a left-out field is "required" to the
//    service; the client's own value had another error);
//  - anything else (the dry run passed, a conflict, the service is down): `found` alone.
absl::Status WithRuleErrors(const status::Validator& found, const absl::Status& dry_run);

// True when field path `a` is `b`, lies inside `b` or contains it: "x" and "x.y", "x[2]".
bool FieldPathsOverlap(std::string_view a, std::string_view b);

}  // namespace iris::gateway
