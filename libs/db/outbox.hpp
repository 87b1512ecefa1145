// Outbox and audit: every mutation records, in its own transaction, the message that announces
// it and who did what. A relay (notifications service) publishes outbox rows later.
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
  nlohmann::json payload = nlohmann::json::object();  // thin: ids and states, no personal data
  std::string action;  // audit verb: "create", "update", "suspend", "erase", ...
  nlohmann::json audit = nlohmann::json::object();  // what changed; no personal data
};

// The statement RecordChange runs: the outbox row and the audit row in one round trip (a
// data-modifying WITH), prepared once per connection under kRecordChangeName. StatementSet
// adds it, for the service's schema, to the statements every pool of the service prepares.
inline constexpr const char* kRecordChangeName = "kit_record_change";
std::string RecordChangeSql(std::string_view schema);

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
