// Messages of any type filled through reflection with the values that make JSON writers differ:
// empty and escaped text, 64-bit extremes, special doubles, unknown enum numbers, Timestamps at
// and beyond their range, maps, oneofs and nesting. Deterministic for a seed.
#pragma once

#include <cstdint>
#include <random>

#include <google/protobuf/message.h>

namespace iris::json::testing {

struct RandomMessageOptions {
  int max_depth = 4;          // message fields below this are left unset
  int max_repeated = 3;       // elements per list or map
  bool invalid_utf8 = false;  // some texts get bytes that are not UTF-8
  // Only what a client could send back: no enum numbers this build does not know, FieldMask
  // paths that are field names (not "" or free text), localized maps with a language.
  bool as_clients_send = false;
};

// Sets a random selection of m's fields (each present about half the time).
void FillRandom(google::protobuf::Message* m, std::mt19937_64& rng,
                const RandomMessageOptions& options = {}, int depth = 0);

}  // namespace iris::json::testing
