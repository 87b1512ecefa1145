#include "services/gateway/middleware/response_cache.hpp"

#include <mutex>

namespace iris::gateway {

std::optional<Reply> ResponseCache::Get(const std::string& key) const {
  std::shared_lock lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.expires <= std::chrono::steady_clock::now()) {
    return std::nullopt;
  }
  return it->second.reply;
}

void ResponseCache::Put(const std::string& key, const Reply& reply, std::chrono::seconds ttl) {
  const auto now = std::chrono::steady_clock::now();
  std::unique_lock lock(mu_);
  if (entries_.size() >= max_entries_) {
    std::erase_if(entries_, [now](const auto& kv) { return kv.second.expires <= now; });
    // Still full: distinct query strings are unbounded input; start over rather than grow.
    if (entries_.size() >= max_entries_) entries_.clear();
  }
  entries_[key] = Entry{reply, now + ttl};
}

std::string ResponseCache::KeyOf(const http::HttpRequest& request) {
  // Decoded names and values may hold '&' and '=' (`q=a%26country%3DRS`): each is written
  // with its length, so two different queries never share a key.
  std::string key = request.path;
  for (const auto& [k, v] : request.query) {
    key += '\n' + std::to_string(k.size()) + ':' + k + std::to_string(v.size()) + ':' + v;
  }
  return key;
}

}  // namespace iris::gateway
