// Counts requests from arrival to the end of sending, so shutdown can wait for them.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace iris::gateway::http {

class InFlightCounter : public std::enable_shared_from_this<InFlightCounter> {
 public:
  // Held by a request until its response is on the wire (or given up); the count drops when
  // the last copy goes, whichever path (sent, failed, connection gone, shutdown) drops it.
  class Ticket {
   public:
    explicit Ticket(std::shared_ptr<InFlightCounter> counter);
    ~Ticket();
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;

   private:
    std::shared_ptr<InFlightCounter> counter_;
  };

  std::shared_ptr<Ticket> Enter();
  int Count() const;
  // True once the count is zero; false if `max_wait` passed first.
  bool WaitForZero(std::chrono::milliseconds max_wait);

 private:
  void Leave();

  mutable std::mutex mu_;
  std::condition_variable zero_;
  int count_ = 0;
};

}  // namespace iris::gateway::http
