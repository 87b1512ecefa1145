// The worker pool's lanes: a task stays on the submitting thread's CPU when a worker there is
// free, spills to another lane when not, and the queue bound and Stop() hold across lanes.
#include "services/gateway/http/worker_pool.hpp"

#include <gtest/gtest.h>

#include <sched.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "services/gateway/http/cpu_lanes.hpp"

namespace iris::gateway::http {
namespace {

using namespace std::chrono_literals;

TEST(LaneCpusTest, PinsOnlyWhereTheProcessOwnsItsCpus) {
  const std::vector<int> two{0, 1}, eight{0, 1, 2, 3, 4, 5, 6, 7}, one{3};
  EXPECT_EQ(LaneCpus(2, PinMode::kAuto, two), (std::vector<int>{0, 1}));
  EXPECT_EQ(LaneCpus(3, PinMode::kAuto, two), (std::vector<int>{0, 1, 0}));
  EXPECT_TRUE(LaneCpus(2, PinMode::kAuto, eight).empty());  // shared many-core node
  EXPECT_EQ(LaneCpus(2, PinMode::kOn, eight), (std::vector<int>{0, 1}));
  EXPECT_EQ(LaneCpus(1, PinMode::kOn, two), (std::vector<int>{0}));
  EXPECT_TRUE(LaneCpus(2, PinMode::kOff, two).empty());
  EXPECT_TRUE(LaneCpus(2, PinMode::kOn, one).empty());  // one CPU: nothing to keep apart
  EXPECT_TRUE(LaneCpus(2, PinMode::kOn, {}).empty());
  EXPECT_EQ(PinModeOf("on"), PinMode::kOn);
  EXPECT_EQ(PinModeOf("off"), PinMode::kOff);
  EXPECT_EQ(PinModeOf("auto"), PinMode::kAuto);
}

TEST(WorkerPoolTest, OneLaneKeepsTheQueueBound) {
  WorkerPool pool(1, 1);
  std::promise<void> release;
  auto released = release.get_future().share();
  std::atomic<int> started{0}, ran{0};
  ASSERT_TRUE(pool.TrySubmit([&] {
    ++started;
    released.wait();
    ++ran;
  }));
  while (started.load() < 1) std::this_thread::sleep_for(1ms);
  EXPECT_TRUE(pool.TrySubmit([&] { ++ran; }));   // waits
  EXPECT_FALSE(pool.TrySubmit([&] { ++ran; }));  // over the bound
  release.set_value();
  for (int i = 0; i < 5000 && ran.load() < 2; ++i) std::this_thread::sleep_for(1ms);
  EXPECT_EQ(ran.load(), 2);
  pool.Stop();
  EXPECT_FALSE(pool.TrySubmit([] {}));  // stopped
}

class LanesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cpus_ = AllowedCpus();
    if (cpus_.size() < 2) GTEST_SKIP() << "needs two CPUs";
    cpus_.resize(2);
  }
  // Runs `f` on a thread that belongs to `lane` (pinned there, as an I/O thread is).
  template <typename F>
  auto OnLane(int lane, F f) {
    return std::async(std::launch::async,
                      [this, lane, f] {
                        PinCurrentThread(cpus_[static_cast<size_t>(lane)]);
                        SetCurrentLane(lane);
                        return f();
                      })
        .get();
  }
  // Until every worker of `pool` waits for a task (threads start asynchronously).
  static void UntilIdle(const WorkerPool& pool, size_t workers) {
    for (int i = 0; i < 5000 && pool.IdleWorkers() < workers; ++i) {
      std::this_thread::sleep_for(1ms);
    }
    ASSERT_EQ(pool.IdleWorkers(), workers);
  }
  std::vector<int> cpus_;
};

TEST_F(LanesTest, AFreeWorkerOnTheSubmittersCpuTakesTheTask) {
  WorkerPool pool(4, 16, cpus_);
  ASSERT_EQ(pool.lanes(), 2u);
  UntilIdle(pool, 4);
  for (int lane : {0, 1}) {
    std::promise<std::pair<int, int>> where;
    auto got = where.get_future();
    ASSERT_TRUE(OnLane(lane, [&] {
      return pool.TrySubmit([&] { where.set_value({CurrentLane(), sched_getcpu()}); });
    }));
    ASSERT_EQ(got.wait_for(5s), std::future_status::ready);
    const auto [ran_lane, ran_cpu] = got.get();
    EXPECT_EQ(ran_lane, lane);
    EXPECT_EQ(ran_cpu, cpus_[static_cast<size_t>(lane)]);
  }
}

TEST_F(LanesTest, ABusyLaneSpillsToAFreeOneAndTheBoundCountsEveryLane) {
  WorkerPool pool(2, 2, cpus_);  // one worker per lane
  UntilIdle(pool, 2);
  std::promise<void> release;
  auto released = release.get_future().share();
  std::atomic<int> started{0}, ran{0};
  std::promise<int> second_lane;
  auto block = [&] {
    ++started;
    released.wait();
    ++ran;
  };
  ASSERT_TRUE(OnLane(0, [&] { return pool.TrySubmit(block); }));
  while (started.load() < 1) std::this_thread::sleep_for(1ms);
  // Lane 0's worker is busy: the next task from lane 0 goes to lane 1's free worker.
  ASSERT_TRUE(OnLane(0, [&] {
    return pool.TrySubmit([&] {
      second_lane.set_value(CurrentLane());
      block();
    });
  }));
  auto lane_of_second = second_lane.get_future();
  ASSERT_EQ(lane_of_second.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(lane_of_second.get(), 1);
  while (started.load() < 2) std::this_thread::sleep_for(1ms);
  // Both busy: two may wait (the bound is the pool's, not a lane's), a third is refused.
  EXPECT_TRUE(OnLane(0, [&] { return pool.TrySubmit([&] { ++ran; }); }));
  EXPECT_TRUE(OnLane(1, [&] { return pool.TrySubmit([&] { ++ran; }); }));
  EXPECT_FALSE(OnLane(1, [&] { return pool.TrySubmit([&] { ++ran; }); }));
  release.set_value();
  for (int i = 0; i < 5000 && ran.load() < 4; ++i) std::this_thread::sleep_for(1ms);
  EXPECT_EQ(ran.load(), 4);
  pool.Stop();
}

TEST_F(LanesTest, StopDropsWaitingTasksInEveryLane) {
  WorkerPool pool(2, 8, cpus_);
  UntilIdle(pool, 2);
  std::promise<void> release;
  auto released = release.get_future().share();
  std::atomic<int> started{0}, ran{0};
  for (int lane : {0, 1}) {
    ASSERT_TRUE(OnLane(lane, [&] {
      return pool.TrySubmit([&] {
        ++started;
        released.wait();
      });
    }));
  }
  while (started.load() < 2) std::this_thread::sleep_for(1ms);
  for (int lane : {0, 1}) {
    ASSERT_TRUE(OnLane(lane, [&] { return pool.TrySubmit([&] { ++ran; }); }));
  }
  ASSERT_EQ(pool.Waiting(), 2u);
  std::thread stopper([&] { pool.Stop(); });
  // Stop drops the waiting tasks first, then joins the busy workers.
  for (int i = 0; i < 5000 && pool.Waiting() > 0; ++i) std::this_thread::sleep_for(1ms);
  EXPECT_EQ(pool.Waiting(), 0u);
  release.set_value();
  stopper.join();
  EXPECT_EQ(ran.load(), 0);
}

}  // namespace
}  // namespace iris::gateway::http
