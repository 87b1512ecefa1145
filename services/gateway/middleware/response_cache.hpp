// In-process cache of public, caller-independent GET replies (reference data). Routes opt in
// with Route::cache_ttl; the upstream gRPC call and Postgres are skipped while an entry lives.
#pragma once

#include <chrono>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "services/gateway/routes/route.hpp"

namespace iris::gateway {

// Losing it costs one upstream call per entry, so the gateway stays stateless in the sense of
// ARCHITECTURE.md: every replica may hold its own copy, for at most the route's TTL.
class ResponseCache {
 public:
  explicit ResponseCache(size_t max_entries = 1024) : max_entries_(max_entries) {}

  std::optional<Reply> Get(const std::string& key) const;
  void Put(const std::string& key, const Reply& reply, std::chrono::seconds ttl);

  // The cache key of a request: path plus query, in the adapter's (sorted) order.
  static std::string KeyOf(const http::HttpRequest& request);

 private:
  struct Entry {
    Reply reply;
    std::chrono::steady_clock::time_point expires;
  };
  size_t max_entries_;
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace iris::gateway
