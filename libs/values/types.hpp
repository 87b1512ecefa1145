// Value types every service's domain shares: the C++ side of iris.common.v1 and of
// google.protobuf.Timestamp, free of proto and I/O (libs/proto_values converts them).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace iris::values {

// An instant, exact to the microsecond: what a Postgres timestamptz holds.
using Time = std::chrono::sys_time<std::chrono::microseconds>;

// Text people write in several languages: BCP 47 tag -> text ("en", "sr-Latn", ...).
using LocalizedText = std::map<std::string, std::string>;

// An amount in integer minor units (euro cents) and its ISO 4217 code. Never floats.
struct Money {
  int64_t amount = 0;
  std::string currency;

  bool operator==(const Money&) const = default;
};

}  // namespace iris::values
