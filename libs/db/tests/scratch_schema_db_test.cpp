// Scratch schemas are made and dropped by many test processes at once (ctest -j): doing so in
// parallel must never fail. CI once failed with "tuple concurrently updated" when two of them
// granted CONNECT on the database at the same moment.
#include "libs/db/testing/scratch_schema.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <exception>
#include <string>
#include <thread>
#include <vector>

namespace iris::db::testing {
namespace {

TEST(ScratchSchemaDbTest, ManyMadeAndDroppedAtOnceNeverCollide) {
  constexpr int kThreads = 8;
  constexpr int kRounds = 6;
  std::atomic<int> made{0};
  std::vector<std::string> errors(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        for (int r = 0; r < kRounds; ++r) {
          ScratchSchema schema("t_scratch");
          ++made;
        }
      } catch (const std::exception& e) {
        errors[static_cast<size_t>(t)] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& e : errors) EXPECT_EQ(e, "");
  EXPECT_EQ(made.load(), kThreads * kRounds);
  // Every role and schema went with its ScratchSchema.
  auto left = ExecAsSuperuser("SELECT count(*) FROM pg_roles WHERE rolname LIKE 't_scratch\\_" +
                              std::to_string(getpid()) + "\\_%'");
  EXPECT_EQ(left[0][0].as<int>(), 0);
}

}  // namespace
}  // namespace iris::db::testing
