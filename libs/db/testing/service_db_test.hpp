// What every service's database tests share: a pool on the service's test database with its
// named statements, and values read back with SQL (counters, outbox rows, audit entries) without
// a repository method for each question. A service's own base derives from it, migrates its
// schema in SetUpTestSuite and adds its fakes and use cases.
#pragma once

#include <gtest/gtest.h>

#include <span>
#include <string>

#include "libs/db/pool.hpp"
#include "libs/db/testing/scalar.hpp"
#include "libs/status/status.hpp"

namespace iris::db::testing {

class ServiceDbTest : public ::testing::Test {
 protected:
  // `pool_size`: the connections the test's threads may hold at once.
  ServiceDbTest(const std::string& url, std::span<const Statement> statements, int pool_size)
      : pool_(PoolConfig{.url = url, .size = pool_size}, statements) {}

  // The first column of the first row of `sql` as text; a failure fails the test.
  std::string Text(const std::string& sql) {
    auto v = ScalarText(pool_, sql);
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : "";
  }
  int Number(const std::string& sql) { return std::stoi(Text(sql)); }
  std::string NewId() { return Text("SELECT gen_random_uuid()::text"); }
  static std::string Reason(const absl::Status& s) { return status::DetailOf(s).reason(); }

  Pool pool_;
};

}  // namespace iris::db::testing
