// Forward-only schema migrations embedded in the binary, applied once each at startup.
#pragma once

#include <span>
#include <string>

#include "absl/status/status.h"
#include "libs/db/statement.hpp"

namespace iris::db {

// Applies `migrations` (named V<3+ digits>__<name>, in any order) to `schema`, which must exist
// and be owned by the connecting role. Versions already recorded in <schema>.schema_migrations
// are skipped; a recorded one whose text changed gives FAILED_PRECONDITION and applies nothing.
// Replicas starting together serialise on an advisory lock, so each version runs once.
absl::Status Migrate(const std::string& url, const std::string& schema,
                     std::span<const Statement> migrations);

// What a service runs: first the kit every service shares (libs/db/kit/*.sql: outbox and
// audit_log, recorded in <schema>.kit_migrations), then the service's own `migrations` as
// Migrate does. An applied version that the binary no longer has but that is older than its
// newest is "retired" (logged at info); a newer one comes from a newer binary (warning).
absl::Status MigrateService(const std::string& url, const std::string& schema,
                            std::span<const Statement> migrations);

}  // namespace iris::db
