// A list's query checked the same way by every service: filter values against the allowed ones
// and the paging's errors, collected in one Validator so a 400 names every bad parameter.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "libs/status/status.hpp"

namespace iris::status {

// An error on `param` for each distinct value not in `allowed`. An unknown filter value is a
// 400 (Validator::FinishMalformed), not an empty list a client cannot tell from "nothing
// matches". `shown_values` (parallel to `values`): what the client sent, when `values` were
// normalised (upper-cased codes); cut short in the message.
void CheckAllowed(std::string_view param, const std::vector<std::string>& values,
                  const std::set<std::string>& allowed, Validator& v,
                  const std::vector<std::string>* shown_values = nullptr);

// The field errors of `s` (a bad limit, sort or cursor) added to `v`, so they are answered
// together with the filters' errors (its message as "query" when it names none); false when
// `s` is not OK.
bool Collect(const absl::Status& s, Validator& v);

}  // namespace iris::status
