// JSON <-> protobuf in the API's shape (API.md): protobuf's own JSON mapping with proto field
// names, 64-bit integers as numbers, enum values as lower-case words, LocalizedText as a plain
// language map and Timestamps as RFC 3339. Nothing here throws.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/message.h>
#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "libs/status/status.hpp"

namespace iris::json {

// Deeper bodies are refused before parsing: no API resource nests anywhere near this.
inline constexpr int kMaxDepth = 64;

// Every field is present. One the resource has no value for is null, never "": an unset message
// (Timestamp, wrapper) or proto3 `optional`, an empty string, an *_UNSPECIFIED enum. Numbers
// and booleans keep their defaults (0, false), lists and maps are [] and {}; of a oneof only
// the member set appears. A message protobuf refuses to print (a Timestamp beyond year 9999)
// yields null.
// Written in one pass over the descriptor (api_writer.hpp); ToJson reads that text back for a
// caller that adds to the document.
nlohmann::json ToJson(const google::protobuf::Message& m);
std::string ToJsonString(const google::protobuf::Message& m);

namespace internal {
// The same document the slow way, and the reference the writer is tested against: protobuf's
// own JSON mapping (proto field names, every primitive printed), parsed and reshaped by
// ToApiShape. An error when protobuf refuses to print the message.
absl::StatusOr<nlohmann::json> ProtobufMappedJson(const google::protobuf::Message& m);
}  // namespace internal

// Replaces *out. Unknown fields, wrong types, unknown enum words and out-of-range numbers are
// INVALID_ARGUMENT with a field error per problem (422); null means "not set".
absl::Status FromJson(const nlohmann::json& j, google::protobuf::Message* out);
// As FromJson, but field errors go to `found` and the fields they name are left out of *out,
// so what remains can still be checked by the service (the gateway's dry run, which answers
// every error of a body at once). Fails only when nothing can be read: `j` is not an object.
// `left_out` (optional) receives the top-level keys left out (a nested object with an error
// stays, without its bad fields).
absl::Status FromJson(const nlohmann::json& j, google::protobuf::Message* out,
                      status::Validator& found, std::vector<std::string>* left_out = nullptr);
// As FromJson after ParseBody, so unparseable bodies are reason "malformed" (400).
absl::Status FromJsonString(std::string_view body, google::protobuf::Message* out);

// Syntax errors, invalid UTF-8, lone surrogate escapes, numbers beyond a double (1e400),
// nesting deeper than kMaxDepth and an object key given twice are INVALID_ARGUMENT with
// reason "malformed" (400). Text with control characters (internal::HasControlCharacter) is
// a field error per string (422).
absl::StatusOr<nlohmann::json> ParseBody(std::string_view body);
// As ParseBody, but text with control characters goes to `found` as field errors and the text
// is kept without them (so the body still parses and its other rules can be checked).
absl::StatusOr<nlohmann::json> ParseBody(std::string_view body, status::Validator& found);

}  // namespace iris::json
