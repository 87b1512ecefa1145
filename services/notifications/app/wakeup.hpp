// Wakes a background worker (mail, webhooks) as soon as the intake fanned out work for it,
// instead of at its next poll; the poll stays, for work another replica stored.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace iris::notifications::app {

class Wakeup {
 public:
  void Notify() {
    {
      std::lock_guard lock(mu_);
      pending_ = true;
    }
    cv_.notify_all();
  }
  // Stop() makes every wait return at once, now and later.
  void Stop() {
    {
      std::lock_guard lock(mu_);
      stopped_ = true;
    }
    cv_.notify_all();
  }
  // Waits until Notify, Stop or `timeout`; false once stopped.
  bool Wait(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, timeout, [this] { return pending_ || stopped_; });
    pending_ = false;
    return !stopped_;
  }
  bool stopped() const {
    std::lock_guard lock(mu_);
    return stopped_;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool pending_ = false;
  bool stopped_ = false;
};

}  // namespace iris::notifications::app
