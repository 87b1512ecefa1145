// ConnectionCounts (pistache_adapter.hpp): open connections per peer address; also the
// concurrent streamed transfers (AdapterCore::TryStartTransfer).
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "services/gateway/http/pistache_adapter.hpp"

namespace iris::gateway::http {

struct ConnectionCounts::Slot {
  Slot(std::shared_ptr<ConnectionCounts> c, std::string a)
      : counts(std::move(c)), address(std::move(a)) {}
  ~Slot() { counts->Close(address); }
  std::shared_ptr<ConnectionCounts> counts;
  std::string address;
};

std::shared_ptr<void> ConnectionCounts::TryOpen(const std::string& address, size_t limit) {
  {
    std::lock_guard lock(mu_);
    size_t& open = open_[address];
    if (limit > 0 && open >= limit) {
      if (open == 0) open_.erase(address);
      return nullptr;
    }
    ++open;
  }
  return std::make_shared<Slot>(shared_from_this(), address);
}

void ConnectionCounts::Close(const std::string& address) {
  std::lock_guard lock(mu_);
  auto it = open_.find(address);
  if (it == open_.end()) return;
  if (--it->second == 0) open_.erase(it);
}

}  // namespace iris::gateway::http

namespace iris::gateway::http {

// Two counts reused as caps on streamed transfers: one key for all of them, one per address.
std::shared_ptr<void> AdapterCore::TryStartTransfer(const std::string& address) const {
  auto all = transfers->TryOpen("", max_transfers);
  if (!all) return nullptr;
  auto mine = transfers_per_address->TryOpen(address, max_transfers_per_address);
  if (!mine) return nullptr;  // `all` is released with it
  return std::make_shared<std::pair<std::shared_ptr<void>, std::shared_ptr<void>>>(std::move(all),
                                                                                   std::move(mine));
}

}  // namespace iris::gateway::http
