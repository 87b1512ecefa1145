#include "services/gateway/http/worker_pool.hpp"

#include <algorithm>
#include <utility>

#include "services/gateway/http/cpu_lanes.hpp"

namespace iris::gateway::http {

WorkerPool::WorkerPool(int threads, size_t queue_capacity, std::vector<int> lane_cpus)
    : capacity_(queue_capacity) {
  const size_t lanes = lane_cpus.empty() ? 1 : lane_cpus.size();
  for (size_t i = 0; i < lanes; ++i) {
    lanes_.push_back(std::make_unique<Lane>());
    if (!lane_cpus.empty()) lanes_.back()->cpu = lane_cpus[i];
  }
  const size_t total = std::max(static_cast<size_t>(threads > 0 ? threads : 1), lanes);
  threads_.reserve(total);
  for (size_t i = 0; i < total; ++i) threads_.emplace_back([this, i, lanes] { Run(i % lanes); });
}

WorkerPool::~WorkerPool() { Stop(); }

size_t WorkerPool::IdleWorkers() const {
  size_t idle = 0;
  for (const auto& lane : lanes_) {
    std::lock_guard lock(lane->mu);
    idle += lane->idle;
  }
  return idle;
}

size_t WorkerPool::HomeLane() const {
  const int lane = CurrentLane();
  return lane >= 0 && static_cast<size_t>(lane) < lanes_.size() ? static_cast<size_t>(lane) : 0;
}

int WorkerPool::TryPush(Lane& lane, std::function<void()>& task, bool only_if_idle) {
  {
    std::lock_guard lock(lane.mu);
    if (lane.stopped) return -1;
    if (only_if_idle && lane.idle <= lane.queue.size()) return 0;
    if (waiting_.fetch_add(1) >= capacity_) {
      waiting_.fetch_sub(1);
      return 0;
    }
    lane.queue.push_back(std::move(task));
  }
  lane.ready.notify_one();
  return 1;
}

bool WorkerPool::TrySubmit(std::function<void()> task) {
  const size_t home = HomeLane();
  const size_t n = lanes_.size();
  for (size_t i = 0; i < n; ++i) {
    const int pushed = TryPush(*lanes_[(home + i) % n], task, /*only_if_idle=*/n > 1);
    if (pushed != 0) return pushed > 0;
  }
  // No worker free anywhere: wait in the home lane if the pool has room (n == 1 got here only
  // when full).
  return n > 1 && TryPush(*lanes_[home], task, /*only_if_idle=*/false) > 0;
}

void WorkerPool::Stop() {
  std::deque<std::function<void()>> dropped;
  for (auto& lane : lanes_) {
    {
      std::lock_guard lock(lane->mu);
      lane->stopped = true;
      waiting_.fetch_sub(lane->queue.size());
      for (auto& t : lane->queue) dropped.push_back(std::move(t));
      lane->queue.clear();
    }
    lane->ready.notify_all();
  }
  dropped.clear();  // outside the locks: a task's destructor may submit or log
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
}

void WorkerPool::Run(size_t lane_index) {
  Lane& lane = *lanes_[lane_index];
  if (lane.cpu >= 0) {
    // A refused pin leaves the worker unpinned: slower hand-offs, same results.
    PinCurrentThread(lane.cpu);
    SetCurrentLane(static_cast<int>(lane_index));
  }
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(lane.mu);
      ++lane.idle;
      lane.ready.wait(lock, [&lane] { return lane.stopped || !lane.queue.empty(); });
      --lane.idle;
      if (lane.queue.empty()) return;  // stopped
      task = std::move(lane.queue.front());
      lane.queue.pop_front();
      waiting_.fetch_sub(1);
    }
    task();
  }
}

}  // namespace iris::gateway::http
