#include "services/gateway/http/in_flight.hpp"

#include <utility>

namespace iris::gateway::http {

InFlightCounter::Ticket::Ticket(std::shared_ptr<InFlightCounter> counter)
    : counter_(std::move(counter)) {}

InFlightCounter::Ticket::~Ticket() { counter_->Leave(); }

std::shared_ptr<InFlightCounter::Ticket> InFlightCounter::Enter() {
  {
    std::lock_guard lock(mu_);
    ++count_;
  }
  return std::make_shared<Ticket>(shared_from_this());
}

int InFlightCounter::Count() const {
  std::lock_guard lock(mu_);
  return count_;
}

bool InFlightCounter::WaitForZero(std::chrono::milliseconds max_wait) {
  std::unique_lock lock(mu_);
  return zero_.wait_for(lock, max_wait, [this] { return count_ == 0; });
}

void InFlightCounter::Leave() {
  bool now_zero = false;
  {
    std::lock_guard lock(mu_);
    now_zero = --count_ == 0;
  }
  if (now_zero) zero_.notify_all();
}

}  // namespace iris::gateway::http
