#include "services/gateway/routes/audit_merge.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <utility>

#include <google/protobuf/util/time_util.h>
#include <nlohmann/json.hpp>

#include "libs/status/status.hpp"

namespace iris::gateway::audit {
namespace {

using google::protobuf::util::TimeUtil;

absl::Status BadPosition() { return status::Malformed("cursor", "is not a position in this list"); }

std::optional<int64_t> Int64Of(const nlohmann::json& j, const char* name) {
  const auto it = j.find(name);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  const auto& s = it->get_ref<const std::string&>();
  int64_t n = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return n;
}

bool IsServiceName(const std::string& s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

}  // namespace

Key KeyOf(const v1::AuditEvent& e) {
  return {TimeUtil::TimestampToMicroseconds(e.occurred_at()), e.service(), e.id()};
}

bool Before(const Key& a, const Key& b) {
  if (a.at_us != b.at_us) return a.at_us > b.at_us;
  if (a.service != b.service) return a.service < b.service;
  return a.id > b.id;
}

std::string PositionText(const Key& k) {
  return nlohmann::json{
      {"k", std::to_string(k.at_us)}, {"s", k.service}, {"i", std::to_string(k.id)}}
      .dump();
}

absl::StatusOr<std::optional<Key>> ParsePosition(const std::string& text) {
  if (text.empty()) return std::nullopt;
  const auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return BadPosition();
  const auto at = Int64Of(j, "k");
  const auto id = Int64Of(j, "i");
  const auto service = j.find("s");
  if (!at || !id || *id < 0 || service == j.end() || !service->is_string() ||
      !IsServiceName(service->get<std::string>())) {
    return BadPosition();
  }
  // An instant protobuf's Timestamp holds (years 1..9999): it goes to each service as one.
  constexpr int64_t kMin = TimeUtil::kTimestampMinSeconds * 1000000;
  constexpr int64_t kMax = TimeUtil::kTimestampMaxSeconds * 1000000 + 999999;
  if (*at < kMin || *at > kMax) return BadPosition();
  return Key{*at, service->get<std::string>(), *id};
}

v1::AuditPosition PositionFor(const Key& after, const std::string& service) {
  v1::AuditPosition p;
  *p.mutable_occurred_at() = TimeUtil::MicrosecondsToTimestamp(after.at_us);
  if (service == after.service) {
    p.set_id(after.id);
  } else if (service < after.service) {
    p.set_id(0);  // ids start at 1: every entry of that instant is skipped
  } else {
    p.set_id(std::numeric_limits<int64_t>::max());  // every entry of that instant is kept
  }
  return p;
}

absl::StatusOr<MergedPage> Merge(std::vector<ServicePage> pages, int limit, size_t max_bytes,
                                 int64_t total_cap) {
  struct Entry {
    Key key;
    v1::AuditEvent* event;
  };
  std::vector<Entry> all;
  // The earliest of the last entries of pages with more: nothing after it can be listed yet.
  std::optional<Key> bound;
  bool more = false;
  MergedPage merged;
  int64_t total = 0;
  bool counted = true, exact = true;
  for (auto& p : pages) {
    auto& items = *p.page.mutable_items();
    for (auto& e : items) {
      e.set_service(p.service);
      all.push_back({KeyOf(e), &e});
    }
    if (p.page.more()) {
      // A service always sends its first entry (pagination's byte bound keeps that rule), so
      // a page with more and none would stop the list from ever moving on.
      if (items.empty())
        return absl::InternalError(p.service + " has more audit entries but sent none");
      const Key last = KeyOf(*items.rbegin());
      if (!bound || Before(last, *bound)) bound = last;
      more = true;
    }
    counted = counted && p.page.has_total();
    total += p.page.total();
    exact = exact && p.page.total_exact();
  }
  std::sort(all.begin(), all.end(),
            [](const Entry& a, const Entry& b) { return Before(a.key, b.key); });
  size_t used = 0, taken = 0;
  for (const Entry& e : all) {
    if (taken == static_cast<size_t>(limit) || (bound && Before(*bound, e.key)) ||
        (taken > 0 && used >= max_bytes)) {
      break;
    }
    auto* item = merged.response.add_items();
    *item = std::move(*e.event);
    used += item->ByteSizeLong();
    ++taken;
  }
  more = more || taken < all.size();
  merged.response.set_more(more);
  if (more && taken > 0) {
    merged.next_position = PositionText(KeyOf(*merged.response.items().rbegin()));
  }
  if (counted && !pages.empty()) {
    merged.total = std::min(total, total_cap);
    merged.total_exact = exact && total <= total_cap;
  }
  return merged;
}

}  // namespace iris::gateway::audit
