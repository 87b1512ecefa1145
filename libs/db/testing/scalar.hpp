// One value read back with SQL, as database tests check what a use case wrote (counters, outbox
// rows, audit entries) without a repository method for each question.
#pragma once

#include <string>

#include "libs/db/pool.hpp"

namespace iris::db::testing {

// The first column of the first row of `sql` as text ("NULL" for SQL NULL), read in a write
// transaction of `pool` (so rows a test just wrote are seen and FOR UPDATE works). An error or
// no row is returned as the status: tests assert on it.
inline absl::StatusOr<std::string> ScalarText(Pool& pool, const std::string& sql) {
  return pool.Write([&](Tx& tx) -> absl::StatusOr<std::string> {
    auto r = tx.ExecSql(sql);
    if (r.empty()) return absl::NotFoundError("no row: " + sql);
    return r.at(0)[0].is_null() ? std::string("NULL") : r.at(0)[0].as<std::string>();
  });
}

}  // namespace iris::db::testing
