// The kit's audit listing (iris.audit.v1.Audit), once for every service: network admins read
// the service's own audit_log (libs/db/audit_log.hpp) newest first, with filters. A service
// serves it by adding one part and listing it in Parts::Services():
//
//   audit::AuditGrpc audit_api{pool, "grants"};   // the service's name, which is its schema
//
// Its pool must prepare the kit's statements for that schema (db::StatementSet's kit_schema),
// as every service's does for db::RecordChange.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "iris/audit/v1/audit.grpc.pb.h"
#include "libs/db/audit_log.hpp"
#include "libs/db/pool.hpp"

namespace iris::audit {

namespace v1 = iris::audit::v1;

// At most this many characters in `actor` and `subject`, and in each `type`: ids and codes,
// never longer (docs/openapi.yaml says the same).
inline constexpr size_t kMaxFilterLength = 200;
inline constexpr size_t kMaxTypeLength = 100;
inline constexpr int kMaxTypes = 50;

// The request checked into a query: INVALID_ARGUMENT reason "malformed" (400) for a limit
// outside 0..200 (alone, as every list answers it), else for every bad field at once: a filter
// too long, a type not `<subject_type>` or `<subject_type>.<action>` ([a-z_]), a timestamp out
// of range, `from` after `to`. from and to
// are rounded up to the microsecond the log keeps, so "at >= from" and "at < to" mean what the
// client asked at any precision.
absl::StatusOr<db::AuditQuery> AuditQueryOf(const v1::ListAuditEventsRequest& req);

class AuditGrpc final : public v1::Audit::Service {
 public:
  // `service` names the entries (AuditEvent.service); the pool reads that service's schema.
  AuditGrpc(db::Pool& pool, std::string service) : pool_(pool), service_(std::move(service)) {}

  ::grpc::Status ListAuditEvents(::grpc::ServerContext* ctx, const v1::ListAuditEventsRequest* req,
                                 v1::ListAuditEventsResponse* out) override;

 private:
  db::Pool& pool_;
  const std::string service_;
};

}  // namespace iris::audit
