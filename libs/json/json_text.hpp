// The pieces of JSON text the API writer appends: strings escaped as the API has always written
// them (nlohmann's dump without ASCII escaping), integers, and protobuf's doubles and floats.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace iris::json::text {

// `"…"` with `"`, `\` and control characters escaped (\b \t \n \f \r, else \u00xx); other text
// is copied as UTF-8. A byte that does not start a valid UTF-8 character (proto3 strings cannot
// hold one, but a message built in code can) is written as U+FFFD, so the output is always
// valid JSON.
void AppendString(std::string_view s, std::string* out);

void AppendInt(std::int64_t v, std::string* out);
void AppendUint(std::uint64_t v, std::string* out);

// A double or float as protobuf's JSON mapping prints it (its shortest text that reads back,
// "NaN", "Infinity" and "-Infinity" as strings), in the form the API has always had: that text
// read as a JSON number and written again (3.0 is `3`, 1e21 is `1e+21`).
void AppendDouble(double v, std::string* out);
void AppendFloat(float v, std::string* out);

// A Timestamp in protobuf's JSON form, quoted: "2026-12-03T10:02:01.530570Z", with 0, 3, 6
// or 9 digits of fraction as needed. The caller checks the range protobuf accepts (years 1 to
// 9999, nanos 0 to 999,999,999).
void AppendTimestamp(std::int64_t seconds, std::int32_t nanos, std::string* out);

}  // namespace iris::json::text
