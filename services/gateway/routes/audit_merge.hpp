// GET /v1/audit-events is one list over every service's audit log: each service pages its own
// (iris.audit.v1.Audit), and this merges their pages into the list's one order and keeps the
// list's cursor, so paging works across services without gaps or repeats.
//
// The order: newest first; at one instant by service name (a..z), then the higher id first.
// The cursor's position is the last entry's (occurred_at, service, id); each service's next
// page starts after that entry as the service's own order sees it (PositionFor).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "iris/audit/v1/audit.pb.h"

namespace iris::gateway::audit {

namespace v1 = iris::audit::v1;

// An entry's place in the merged order.
struct Key {
  int64_t at_us = 0;  // occurred_at, microseconds since the epoch
  std::string service;
  int64_t id = 0;

  bool operator==(const Key&) const = default;
};

Key KeyOf(const v1::AuditEvent& e);
// Whether `a` comes before `b` in the list.
bool Before(const Key& a, const Key& b);

// The cursor's position text, {"i": "<id>", "k": "<micros>", "s": "<service>"}, and back; ""
// is the first page (nullopt). A position that is not one is INVALID_ARGUMENT reason
// "malformed" on "cursor" (the gateway signed it, but its fields still become a request).
std::string PositionText(const Key& k);
absl::StatusOr<std::optional<Key>> ParsePosition(const std::string& text);

// Where `service`'s next page starts for a list that ended at `after`: that instant with
// after's id for its own service; at that instant, nothing for a service ordered before it (its
// entries there came before `after`) and everything for one ordered after it.
v1::AuditPosition PositionFor(const Key& after, const std::string& service);

// One service's answer.
struct ServicePage {
  std::string service;
  v1::ListAuditEventsResponse page;
};

struct MergedPage {
  v1::ListAuditEventsResponse response;  // items in the list's order, each naming its service
  std::string next_position;             // PositionText of the last item; "" on the last page
  // With include_total: the services' totals added, capped at `total_cap` (exact only when
  // every service's was and the sum is within the cap).
  std::optional<int64_t> total;
  bool total_exact = true;
};

// Up to `limit` entries of the services' pages, in the list's order, within `max_bytes` (the
// first always goes). Entries after the last one of a page with `more` are held back: that
// service's next entries may come before them. An entry's `service` is set to its ServicePage's.
absl::StatusOr<MergedPage> Merge(std::vector<ServicePage> pages, int limit, size_t max_bytes,
                                 int64_t total_cap);

}  // namespace iris::gateway::audit
