// Conversions between our C++ values and the text/integer forms our SQL exchanges. Readers take
// one field, so a row is read by column name: db::TimeOf(row["created_at_us"]).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "libs/pagination/keyset.hpp"
#include "libs/values/types.hpp"

namespace iris::db {

using Time = std::chrono::sys_time<std::chrono::microseconds>;

// A timestamptz column selected as `(extract(epoch FROM col) * 1000000)::bigint`: exact to the
// microsecond, unlike a float of seconds.
Time TimeOf(const pqxx::field& micros_since_epoch);

// As TimeOf for a nullable timestamptz: NULL is nullopt.
std::optional<Time> OptionalTimeOf(const pqxx::field& micros_since_epoch);

// A nullable text column: NULL is nullopt, unlike as<std::string>(), which throws.
std::optional<std::string> OptionalText(const pqxx::field& text);

// A text[] column selected as `array_to_json(col)::text`: JSON is one format to parse instead of
// Postgres's array syntax with its quoting rules.
std::vector<std::string> TextArrayOf(const pqxx::field& json_array);

// A jsonb column of translations selected as `col::text` ({"en": "...", "sr-Latn": "..."});
// an entry whose value is not a string is left out rather than failing the whole row.
values::LocalizedText LocalizedTextOf(const pqxx::field& json_object);
// The other way: the JSON object to bind as `$n::jsonb`.
std::string LocalizedTextJson(const values::LocalizedText& text);

// RFC 3339 with microseconds, UTC, for binding a timestamptz parameter as text.
std::string TimestampText(int64_t micros_since_epoch);

// A Postgres text[] literal, {"a","b"}, with quotes and backslashes escaped; bind as $n::text[].
std::string TextArray(const std::vector<std::string>& items);
// A filter that takes several values: their text[] literal, or NULL (no filter) when none;
// statements read it as `($n::text[] IS NULL OR col = ANY($n::text[]))`.
std::optional<std::string> AnyOf(const std::vector<std::string>& values);

}  // namespace iris::db
