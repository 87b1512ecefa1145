// A named SQL statement, embedded at build time and prepared on every pooled connection.
#pragma once

namespace iris::db {

// A literal type so generated headers can declare `inline constexpr Statement k...{...}`.
struct Statement {
  const char* name;
  const char* text;
};

}  // namespace iris::db
