// A fixed pool of threads with a bounded queue: the gateway's handlers block, I/O threads must
// not. Optionally split into lanes, one per CPU (cpu_lanes.hpp): a task goes to a worker on
// the submitting thread's CPU when one is free there, so the hand-off needs no wake-up across
// CPUs.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace iris::gateway::http {

class WorkerPool {
 public:
  // `lane_cpus` empty: one lane, threads unpinned. Otherwise a lane per entry, its share of
  // `threads` (at least one) pinned to that CPU.
  WorkerPool(int threads, size_t queue_capacity, std::vector<int> lane_cpus = {});
  ~WorkerPool();

  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task` unless `queue_capacity` tasks are already waiting or the pool is stopped;
  // never blocks, so an I/O thread can answer 503 at once. Lane order: the caller's lane if a
  // worker there is idle, else any lane with an idle worker, else the caller's lane's queue.
  bool TrySubmit(std::function<void()> task);

  // Refuses new tasks, drops the waiting ones (their destructors run), lets running ones
  // finish and joins the threads. Idempotent.
  void Stop();

  size_t lanes() const { return lanes_.size(); }
  // Tasks queued and not yet taken by a worker, in all lanes.
  size_t Waiting() const { return waiting_.load(); }
  // Workers waiting for a task, in all lanes.
  size_t IdleWorkers() const;

 private:
  struct Lane {
    int cpu = -1;  // -1: not pinned
    mutable std::mutex mu;
    std::condition_variable ready;
    std::deque<std::function<void()>> queue;  // guarded by mu
    size_t idle = 0;                          // workers waiting on `ready`; guarded by mu
    bool stopped = false;                     // guarded by mu
  };

  // The lane for a task submitted from this thread: its own, else 0.
  size_t HomeLane() const;
  // Queues onto `lane` if the pool has room and, with `only_if_idle`, a worker there is free.
  // 1 queued, 0 not queued (try elsewhere), -1 the pool is stopped.
  int TryPush(Lane& lane, std::function<void()>& task, bool only_if_idle);
  void Run(size_t lane_index);

  const size_t capacity_;
  std::atomic<size_t> waiting_{0};  // queued in all lanes, not yet taken by a worker
  std::vector<std::unique_ptr<Lane>> lanes_;
  std::vector<std::thread> threads_;
};

}  // namespace iris::gateway::http
