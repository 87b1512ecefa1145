#include "libs/db/outbox.hpp"

#include <algorithm>

#include "libs/status/status.hpp"

namespace iris::db {
namespace {

// A plain lower-case identifier: a service's name, or a test's scratch schema (which numbers
// its schemas), so the name needs no quoting in the statement.
bool IsIdentifier(std::string_view s) {
  return !s.empty() && !(s[0] >= '0' && s[0] <= '9') && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

const char* OrNull(const std::string& s) { return s.empty() ? nullptr : s.c_str(); }

}  // namespace

std::string RecordChangeSql(std::string_view schema) {
  const std::string s(schema);
  return "WITH message AS (INSERT INTO " + s +
         ".outbox (type, subject_id, country, actor, request_id, payload)"
         " VALUES ($1, $2, $3, $4, $5, $6::jsonb))"
         " INSERT INTO " +
         s +
         ".audit_log (actor, actor_role, request_id, action, subject_type, subject_id, changes)"
         " VALUES ($4, $7, $5, $8, $9, $2, $10::jsonb)";
}

std::string OutboxLockSql(std::string_view schema) {
  // hashtext of the text, not of a number: two schemas never share a lock by accident of
  // numbering, and the key reads as what it guards.
  return "SELECT pg_try_advisory_xact_lock(hashtext('" + std::string(schema) +
         ".outbox relay')) AS locked";
}

std::string OutboxBatchSql(std::string_view schema) {
  return "SELECT id::text AS id, position, type, subject_id, coalesce(country, '') AS country,"
         " coalesce(actor, '') AS actor, coalesce(request_id, '') AS request_id,"
         " payload::text AS payload,"
         " (extract(epoch FROM occurred_at) * 1000000)::bigint AS occurred_at_us"
         " FROM " +
         std::string(schema) +
         ".outbox WHERE published_at IS NULL ORDER BY position LIMIT $1"
         " FOR UPDATE SKIP LOCKED";
}

std::string OutboxMarkSql(std::string_view schema) {
  // Contact (membership.user.*'s email and name, for notifications alone) does not outlive
  // its delivery: once notifications holds the message, the outbox keeps no personal data.
  return "UPDATE " + std::string(schema) +
         ".outbox SET published_at = now(), payload = payload - 'email' - 'name'"
         " WHERE id = ANY($1::uuid[])";
}

std::string OutboxStatsSql(std::string_view schema) {
  const std::string s(schema);
  // The oldest by position through the partial index outbox_unpublished (kit V001).
  return "SELECT (SELECT count(*) FROM " + s +
         ".outbox WHERE published_at IS NULL) AS pending,"
         " coalesce((SELECT extract(epoch FROM now() - occurred_at) FROM " +
         s +
         ".outbox WHERE published_at IS NULL ORDER BY position LIMIT 1), 0)::float8"
         " AS lag_seconds";
}

absl::Status RecordChange(Tx& tx, std::string_view schema, const identity::Caller& caller,
                          const Change& change) {
  if (!IsIdentifier(schema)) return absl::InternalError("bad outbox schema name");
  // Every change is recorded just before its commit, after every rule: the end of a dry run.
  if (caller.dry_run) return status::DryRunPassed();
  // Exceptions propagate to the pool, which maps them (the pool is the libpqxx edge).
  tx.Exec(Statement{kRecordChangeName, ""}, change.type, change.subject_id, OrNull(change.country),
          OrNull(caller.subject), OrNull(caller.request_id), change.payload.dump(),
          OrNull(caller.role), change.action, change.subject_type, change.audit.dump());
  tx.NoteOutboxWrite();
  return absl::OkStatus();
}

}  // namespace iris::db
