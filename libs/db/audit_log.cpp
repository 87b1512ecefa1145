#include "libs/db/audit_log.hpp"

#include "absl/strings/str_replace.h"

namespace iris::db {
namespace {

// What both statements match, $1..$5: actor, subject id, types (text[]), from, to. The
// optional filters are CASEs, not `$n IS NULL OR ...`, for the generic plan's estimates
// (docs/development.md, "SQL"); from and to are always bound (-infinity, infinity), so they stay
// index conditions on audit_log_at (kit V002).
constexpr const char* kFilters =
    " WHERE at >= $4::timestamptz AND at < $5::timestamptz"
    " AND CASE WHEN $1::text IS NULL THEN true ELSE actor = $1::text END"
    " AND CASE WHEN $2::text IS NULL THEN true ELSE subject_id = $2::text END"
    " AND CASE WHEN $3::text[] IS NULL THEN true"
    " ELSE subject_type = ANY($3::text[]) OR subject_type || '.' || action = ANY($3::text[]) END";

// The first page starts after every entry: no timestamptz is later than 'infinity'.
constexpr const char* kAfterEverything = "infinity";

std::optional<std::string> OrNull(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

int64_t Micros(Time t) { return t.time_since_epoch().count(); }

}  // namespace

std::string AuditListSql(std::string_view schema) {
  return absl::StrReplaceAll(
      "SELECT id, (extract(epoch FROM at) * 1000000)::bigint AS at_us,"
      " coalesce(actor, '') AS actor, coalesce(actor_role, '') AS actor_role,"
      " coalesce(request_id, '') AS request_id, action, subject_type, subject_id,"
      " changes::text AS changes"
      " FROM {schema}.audit_log{filters}"
      " AND (at, id) < ($6::timestamptz, $7::bigint)"
      " ORDER BY at DESC, id DESC LIMIT $8",
      {{"{schema}", std::string(schema)}, {"{filters}", kFilters}});
}

std::string AuditCountSql(std::string_view schema) {
  return absl::StrReplaceAll(
      "SELECT count(*) FROM (SELECT 1 FROM {schema}.audit_log{filters} LIMIT $6) AS matches",
      {{"{schema}", std::string(schema)}, {"{filters}", kFilters}});
}

AuditRows ListAuditLog(Tx& tx, const AuditQuery& q) {
  const auto actor = OrNull(q.actor), subject = OrNull(q.subject), types = AnyOf(q.types);
  const std::string from = q.from ? TimestampText(Micros(*q.from)) : "-infinity";
  const std::string to = q.to ? TimestampText(Micros(*q.to)) : "infinity";
  const std::string after_at = q.after ? TimestampText(Micros(q.after->at)) : kAfterEverything;
  const int64_t after_id = q.after ? q.after->id : 0;

  AuditRows out;
  const auto rows = tx.Exec(Statement{kAuditListName, ""}, actor, subject, types, from, to,
                            after_at, after_id, pagination::RowsToFetch(q.limit));
  for (const auto& r : rows) {
    out.entries.push_back({
        .id = r["id"].as<int64_t>(),
        .at = TimeOf(r["at_us"]),
        .actor = r["actor"].as<std::string>(),
        .actor_role = r["actor_role"].as<std::string>(),
        .request_id = r["request_id"].as<std::string>(),
        .action = r["action"].as<std::string>(),
        .subject_type = r["subject_type"].as<std::string>(),
        .subject_id = r["subject_id"].as<std::string>(),
        .changes = r["changes"].as<std::string>(),
    });
  }
  if (q.include_total) {
    if (!q.after && out.entries.size() <= static_cast<size_t>(q.limit)) {
      // The first page holds every match: that is the count, without another query.
      out.total = pagination::TotalOf(static_cast<int64_t>(out.entries.size()));
    } else {
      const auto counted = tx.Exec(Statement{kAuditCountName, ""}, actor, subject, types, from, to,
                                   static_cast<int>(pagination::kTotalCap + 1));
      out.total = pagination::TotalOf(counted[0][0].as<int64_t>());
    }
  }
  return out;
}

}  // namespace iris::db
