// A fixed pool of threads with a bounded queue: the gateway's handlers block, I/O threads must not.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace iris::gateway::http {

class WorkerPool {
 public:
  WorkerPool(int threads, size_t queue_capacity);
  ~WorkerPool();

  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task` unless `queue_capacity` tasks are already waiting or the pool is stopped;
  // never blocks, so an I/O thread can answer 503 at once.
  bool TrySubmit(std::function<void()> task);

  // Refuses new tasks, drops the waiting ones (their destructors run), lets running ones
  // finish and joins the threads. Idempotent.
  void Stop();

 private:
  void Run();

  const size_t capacity_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool stopped_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace iris::gateway::http
