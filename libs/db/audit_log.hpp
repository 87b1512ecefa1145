// The kit's audit log read back (RecordChange writes it): one page of <schema>.audit_log,
// newest first, with the filters of GET /v1/audit-events. The statements are the kit's, prepared
// for the pool's schema by StatementSet like RecordChange's, so every service has them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libs/db/pool.hpp"
#include "libs/db/values.hpp"
#include "libs/pagination/keyset.hpp"

namespace iris::db {

// One row of audit_log; a column without a value is "".
struct AuditEntry {
  int64_t id = 0;
  Time at;
  std::string actor;
  std::string actor_role;
  std::string request_id;
  std::string action;
  std::string subject_type;
  std::string subject_id;
  std::string changes;  // the jsonb as JSON text
};

// A place in the log's order, newest first and at one instant the higher id first: a page
// holds the entries strictly after it, (at, id) < (position.at, position.id).
struct AuditPosition {
  Time at;
  int64_t id = 0;
};

struct AuditQuery {
  std::string actor;    // "": any
  std::string subject;  // a subject id; "": any
  // Each a subject type ("organization") or "<subject_type>.<action>" ("organization.suspend");
  // an entry matching any of them is listed. Empty: any.
  std::vector<std::string> types;
  std::optional<Time> from;  // at >= from
  std::optional<Time> to;    // at < to
  std::optional<AuditPosition> after;
  int limit = pagination::kDefaultLimit;  // the page; one more row is read to learn of more
  bool include_total = false;
};

struct AuditRows {
  std::vector<AuditEntry> entries;  // up to limit + 1, in the log's order
  std::optional<pagination::Total> total;
};

inline constexpr const char* kAuditListName = "kit_audit_list";
inline constexpr const char* kAuditCountName = "kit_audit_count";
// The statements' text for `schema` (a plain identifier, ours), as StatementSet prepares them.
std::string AuditListSql(std::string_view schema);
std::string AuditCountSql(std::string_view schema);

// The page `q` asks for (and its total when asked), read with the pool's prepared statements.
// Exceptions propagate to the pool, the libpqxx edge.
AuditRows ListAuditLog(Tx& tx, const AuditQuery& q);

}  // namespace iris::db
