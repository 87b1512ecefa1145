// Conversions between our C++ values and the text/integer forms our SQL exchanges.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <pqxx/pqxx>

namespace iris::db {

using Time = std::chrono::sys_time<std::chrono::microseconds>;

// A timestamptz column selected as `(extract(epoch FROM col) * 1000000)::bigint`: exact to the
// microsecond, unlike a float of seconds.
Time TimeOf(const pqxx::field& micros_since_epoch);

// RFC 3339 with microseconds, UTC, for binding a timestamptz parameter as text.
std::string TimestampText(int64_t micros_since_epoch);

// A Postgres text[] literal, {"a","b"}, with quotes and backslashes escaped; bind as $n::text[].
std::string TextArray(const std::vector<std::string>& items);

}  // namespace iris::db
