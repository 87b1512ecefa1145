// What a request body must satisfy beyond JSON syntax, checked while it is parsed (one pass),
// for every route alike. Internal to libs/json (ParseBody uses it).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "libs/status/status.hpp"

namespace iris::json::internal {

// The text rule of every string the API takes (values and object keys): no C0 control
// character but tab, line feed and carriage return, no DEL, no C1 control (U+0080..U+009F).
// NUL failed in Postgres (500) or cut the stored text short; the others are never text.
// Which fields may hold line breaks is the domain's rule, not this one's.
bool HasControlCharacter(std::string_view utf8);

// Findings of one parse: the first duplicate object key (RFC 8259 leaves its meaning open,
// and parsers disagree on which copy wins) and field errors for forbidden text. (A number no
// double holds, 1e400, is nlohmann's own parse error.)
// Text with control characters is kept without them, so the body still parses and its other
// rules can be checked (the field error says what was wrong).
struct BodyFindings {
  std::string duplicate_key_field;  // empty: none
  status::Validator& errors;
};

// Parses `text` as nlohmann::json::parse does (and throws as it does), recording findings.
nlohmann::json ParseChecked(std::string_view text, BodyFindings& findings);

}  // namespace iris::json::internal
