// Outbox and audit: every mutation records, in its own transaction, the message that announces
// it and who did what. The relay (libs/relay), run by every service, publishes outbox rows to
// notifications later, with the statements declared below.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"

namespace iris::db {

struct Change {
  std::string type;          // message type, e.g. "membership.organization.created"
  std::string subject_type;  // "organization"
  std::string subject_id;
  std::string country;  // optional: lets subscribers filter by country
  // Thin: ids and states, no personal data. The one exception: membership.user.created /
  // .enabled / .disabled carry the account's contact (email, name), from which notifications
  // learns whom it may write to; notifications strips email and name at intake, so they reach
  // no feed, inbox or webhook.
  nlohmann::json payload = nlohmann::json::object();
  std::string action;  // audit verb: "create", "update", "suspend", "erase", ...
  nlohmann::json audit = nlohmann::json::object();  // what changed; no personal data
};

// The statement RecordChange runs: the outbox row and the audit row in one round trip (a
// data-modifying WITH), prepared once per connection under kRecordChangeName. StatementSet
// adds it, for the service's schema, to the statements every pool of the service prepares.
inline constexpr const char* kRecordChangeName = "kit_record_change";
std::string RecordChangeSql(std::string_view schema);

// The relay's statements (libs/relay), prepared by StatementSet for the schema like
// RecordChange's:
//   lock:  one transaction-level advisory lock per schema (pg_try_advisory_xact_lock of
//          hashtext('<schema>.outbox relay')), column `locked`: only one replica publishes at
//          a time, so messages leave in position order;
//   batch: up to $1 unpublished rows in position order, FOR UPDATE SKIP LOCKED (columns id,
//          position, type, subject_id, country, actor, request_id, payload, occurred_at_us;
//          absent text is "");
//   mark:  published_at = now() for the ids of $1 (a uuid[] literal);
//   stats: `pending` (unpublished rows) and `lag_seconds` (the oldest one's age; 0 if none).
inline constexpr const char* kOutboxLockName = "kit_outbox_lock";
inline constexpr const char* kOutboxBatchName = "kit_outbox_batch";
inline constexpr const char* kOutboxMarkName = "kit_outbox_mark";
inline constexpr const char* kOutboxStatsName = "kit_outbox_stats";
std::string OutboxLockSql(std::string_view schema);
std::string OutboxBatchSql(std::string_view schema);
std::string OutboxMarkSql(std::string_view schema);
std::string OutboxStatsSql(std::string_view schema);

// Inserts one <schema>.outbox row and one <schema>.audit_log row in `tx`, naming the caller
// (subject, role) and the request id. The tables are the kit's (libs/db/kit/*.sql), created in
// each service's schema by MigrateService; the statement is the one prepared for the pool's
// schema (StatementSet), so `schema` must be that one. It must be a plain identifier
// ([a-z_][a-z0-9_]*); it is ours, never client input.
// For a dry run (caller.dry_run) it records nothing and returns status::DryRunPassed(), which
// rolls the transaction back: every change is recorded after every rule has been checked.
absl::Status RecordChange(Tx& tx, std::string_view schema, const identity::Caller& caller,
                          const Change& change);

}  // namespace iris::db
