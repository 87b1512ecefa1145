// What every state-changing verb (`POST …/{id}/{verb}`, API.md "Verbs") answers the same way in
// every service: a refusal of the domain's state machine as 409 invalid_transition, and the
// verb's optional or required `note`.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/status/status.hpp"
#include "libs/values/text_rules.hpp"

namespace iris::status {

// `refusal`: the domain's reason a verb is not allowed in the current state, if any.
inline absl::Status RefuseIf(std::optional<std::string> refusal) {
  if (!refusal) return absl::OkStatus();
  return Conflict("invalid_transition", *refusal);
}

// A verb's note: trimmed, at most `max_chars` characters, required where the API says so
// (reject, suspend, withdraw, return).
inline absl::StatusOr<std::string> VerbNote(const std::string& note, bool required,
                                            size_t max_chars) {
  std::string trimmed(absl::StripAsciiWhitespace(note));
  if (required && trimmed.empty()) return Invalid("note", "is required: say why");
  if (values::CharCount(trimmed) > max_chars) {
    return Invalid("note", absl::StrCat("must be at most ", max_chars, " characters"));
  }
  return trimmed;
}

}  // namespace iris::status
