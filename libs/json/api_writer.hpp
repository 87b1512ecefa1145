// The API's JSON of a message in one pass over its descriptor (issue 13): what protobuf's JSON
// mapping printed and ToApiShape reshaped (proto_json.hpp), written directly instead of
// printed, parsed, reshaped and printed again. Byte for byte the same text: keys in name order,
// every field present (null for no value), 64-bit integers as numbers, enum words,
// LocalizedText as a language map, Timestamps as RFC 3339; json_writer_test compares the two
// on every message type of proto/.
#pragma once

#include <string>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

namespace iris::json {

// Appends `m` to *out. False when protobuf's mapping refuses the message (a Timestamp beyond
// year 9999, nesting deeper than protobuf prints): the caller answers null, as ToJson does;
// *out then holds a part, which the caller discards.
bool AppendApiJson(const google::protobuf::Message& m, std::string* out);

// Appends the value of one field of `m` (a list, a map, a value or null), e.g. a list
// response's `items` without the rest of the response.
bool AppendApiJsonField(const google::protobuf::Message& m,
                        const google::protobuf::FieldDescriptor& f, std::string* out);

}  // namespace iris::json
