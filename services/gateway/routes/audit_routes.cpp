// GET /v1/audit-events: what every service recorded in its audit log (network admins), one list
// newest first. Every registered service serves the kit's iris.audit.v1.Audit over its own
// schema, so a service added to RegisteredServices() is in this list with no edit here.
#include <google/protobuf/util/time_util.h>

#include "iris/audit/v1/audit.grpc.pb.h"
#include "libs/pagination/cursor.hpp"
#include "libs/pagination/keyset.hpp"
#include "libs/status/status.hpp"
#include "services/gateway/routes/audit_merge.hpp"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/routes/upstream_call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::audit::v1;
using Stub = v1::Audit::Stub;

// The list its cursors are signed for (rest::PageRequestOf).
constexpr std::string_view kCursorScope = "audit-events";

// The filters of the query into the request every service gets. from and to are RFC 3339
// instants; the services check the rest (lengths, type words, from after to) once, in the kit.
absl::Status FiltersInto(const RequestContext& r, v1::ListAuditEventsRequest* req) {
  req->set_actor(rest::Query(r, "actor"));
  req->set_subject(rest::Query(r, "subject"));
  rest::QueryInto(r, "type", req->mutable_type());
  status::Validator v;
  for (const std::string name : {"from", "to"}) {
    const auto raw = r.http.QueryValue(name);
    if (!raw) continue;
    google::protobuf::Timestamp at;
    if (!google::protobuf::util::TimeUtil::FromString(*raw, &at)) {
      v.Add(name, "must be an RFC 3339 instant with a time zone, such as 2025-03-14T10:00:00Z");
      continue;
    }
    *(name == "from" ? req->mutable_from() : req->mutable_to()) = at;
  }
  return v.FinishMalformed();
}

}  // namespace

std::vector<Route> AuditRoutes(Upstreams& upstreams, const RouteDeps& deps) {
  std::vector<Upstream*> audited;
  for (const auto& service : RegisteredServices()) audited.push_back(&upstreams.Get(service.name));
  const pagination::CursorCodec& cursors = deps.Cursors();

  std::vector<Route> routes;
  routes.push_back(
      {Method::kGet, "/v1/audit-events", Access::kNetworkAdmin, Body::kNone,
       [audited, &cursors](RequestContext& r) -> absl::StatusOr<Reply> {
         IRIS_ASSIGN_OR_RETURN(auto page, rest::PageRequestOf(r, cursors, kCursorScope));
         v1::ListAuditEventsRequest req;
         IRIS_RETURN_IF_ERROR(FiltersInto(r, &req));
         req.set_limit(page.limit());
         req.set_include_total(page.include_total());
         IRIS_ASSIGN_OR_RETURN(const auto after, audit::ParsePosition(page.cursor()));
         // One call after another. Known limit: with one service behind the gateway nothing
         // overlaps; each added service adds its latency here until the calls run concurrently.
         std::vector<audit::ServicePage> pages;
         for (Upstream* upstream : audited) {
           v1::ListAuditEventsRequest own = req;
           if (after) *own.mutable_after() = audit::PositionFor(*after, upstream->name());
           IRIS_ASSIGN_OR_RETURN(auto answer, Call(*upstream, &Stub::ListAuditEvents, r, own));
           pages.push_back({upstream->name(), std::move(answer)});
         }
         const int limit = page.limit() == 0 ? pagination::kDefaultLimit : page.limit();
         IRIS_ASSIGN_OR_RETURN(auto merged,
                               audit::Merge(std::move(pages), limit, pagination::kMaxPageBytes,
                                            pagination::kTotalCap));
         iris::common::v1::PageResponse out;
         out.set_next_cursor(merged.next_position);
         if (merged.total) {
           out.set_total(*merged.total);
           out.set_total_exact(merged.total_exact);
         }
         // Cache-Control: the chain's no-store for signed-in callers.
         return Reply::Raw(200, "application/json",
                           rest::ListBody(rest::ItemsJson(merged.response), out, cursors,
                                          kCursorScope, /*sort=*/""));  // the list's one order
       }});
  routes.back().query = {"actor", "subject", "type", "from", "to", "limit", "cursor", "include"};
  routes.back().repeatable = {"type"};
  return routes;
}

}  // namespace iris::gateway
