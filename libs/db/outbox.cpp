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

absl::Status RecordChange(Tx& tx, std::string_view schema, const identity::Caller& caller,
                          const Change& change) {
  if (!IsIdentifier(schema)) return absl::InternalError("bad outbox schema name");
  // Every change is recorded just before its commit, after every rule: the end of a dry run.
  if (caller.dry_run) return status::DryRunPassed();
  // Exceptions propagate to the pool, which maps them (the pool is the libpqxx edge).
  tx.Exec(Statement{kRecordChangeName, ""}, change.type, change.subject_id, OrNull(change.country),
          OrNull(caller.subject), OrNull(caller.request_id), change.payload.dump(),
          OrNull(caller.role), change.action, change.subject_type, change.audit.dump());
  return absl::OkStatus();
}

}  // namespace iris::db
