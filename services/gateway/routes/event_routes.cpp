// Events, their agenda sessions and the iCalendar feed: anyone reads what is not a draft; staff
// (network admins; national coordinators in their country) create, change and move events
// through draft -> published -> completed | cancelled. Rules live in events.
#include "absl/strings/str_cat.h"
#include "iris/events/v1/events.grpc.pb.h"
#include "libs/status/status.hpp"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/routes/upstream_call.hpp"
#include "services/gateway/routes/verb_call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::events::v1;
using Stub = v1::Events::Stub;
// The lists their cursors are signed for: a cursor of another list is refused.
constexpr std::string_view kEventsScope = "events";
constexpr std::string_view kSessionsScope = "event-sessions";
// The feed is the same for every caller and changes with publications: calendar clients poll
// it, so each gateway keeps it half a minute and says so to caches in between.
constexpr std::chrono::seconds kCalendarTtl{30};
constexpr std::string_view kCalendarCacheControl = "public, max-age=30";

// The places change with every registration, which does not bump the event's version (If-Match
// on a PATCH must not fail because someone registered): they ride in the ETag as its variant,
// "<version>.<tag of the places>", so If-None-Match revalidation sees them while If-Match
// compares the version only (rest::Etag).
std::string PlacesVariant(const v1::Event& e) {
  const auto& p = e.places();
  return absl::StrCat(p.taken(), ".", p.waitlisted(), ".", p.submitted());
}

Reply EventReply(const v1::Event& e, int status = 200) {
  return rest::Resource(e, e.version(), status, PlacesVariant(e));
}

Route EventList(Upstream& c, const pagination::CursorCodec& cursors) {
  Route route{Method::kGet, "/v1/events", Access::kPublic, Body::kNone,
              [&c, &cursors](RequestContext& r) -> absl::StatusOr<Reply> {
                v1::ListEventsRequest req;
                IRIS_ASSIGN_OR_RETURN(*req.mutable_page(),
                                      rest::PageRequestOf(r, cursors, kEventsScope));
                rest::QueryInto(r, "kind", req.mutable_kind());
                rest::QueryInto(r, "country", req.mutable_country());
                rest::QueryInto(r, "format", req.mutable_format());
                rest::QueryInto(r, "status", req.mutable_status());
                req.set_from(rest::Query(r, "from"));
                req.set_to(rest::Query(r, "to"));
                IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListEvents, r, req));
                return rest::ListReply(out, req.page(), cursors, kEventsScope);
              }};
  route.query = rest::ListQuery({"kind", "country", "format", "status", "from", "to"});
  route.repeatable = {"kind", "country", "format", "status"};
  return route;
}

Route Calendar(Upstream& c) {
  Route route{Method::kGet,
              "/v1/calendar.ics",
              Access::kPublic,
              Body::kNone,
              [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                v1::CalendarRequest req;
                rest::QueryInto(r, "country", req.mutable_country());
                rest::QueryInto(r, "kind", req.mutable_kind());
                IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::Calendar, r, req));
                return Reply::Raw(200, "text/calendar; charset=utf-8",
                                  std::move(*out.mutable_ics()))
                    .WithHeader("Cache-Control", std::string(kCalendarCacheControl));
              },
              kCalendarTtl};
  route.query = {"country", "kind"};
  route.repeatable = {"country", "kind"};
  return route;
}

}  // namespace

std::vector<Route> EventRoutes(Upstream& c, const pagination::CursorCodec& cursors) {
  std::vector<Route> routes;
  routes.push_back(EventList(c, cursors));
  routes.push_back({Method::kPost, "/v1/events", Access::kStaff, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::CreateEventRequest req;
                      google::protobuf::FieldMask fields;
                      IRIS_RETURN_IF_ERROR(rest::BodyInto(r, req.mutable_event(), &fields));
                      *req.mutable_fields() = fields;
                      IRIS_ASSIGN_OR_RETURN(auto e, Call(c, &Stub::CreateEvent, r, req));
                      return rest::Created(e, e.version(), "/v1/events/" + e.id(),
                                           PlacesVariant(e));
                    }});
  routes.push_back({Method::kGet, "/v1/events/{id}", Access::kPublic, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetEventRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto e, Call(c, &Stub::GetEvent, r, req));
                      return EventReply(e);
                    }});
  routes.push_back({Method::kPatch, "/v1/events/{id}", Access::kStaff, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::UpdateEventRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(int64_t expected, rest::ExpectedVersion(r));
                      req.set_expected_version(expected);
                      google::protobuf::FieldMask fields;
                      IRIS_RETURN_IF_ERROR(rest::BodyInto(r, req.mutable_event(), &fields));
                      *req.mutable_fields() = fields;
                      IRIS_ASSIGN_OR_RETURN(auto e, Call(c, &Stub::UpdateEvent, r, req));
                      return EventReply(e);
                    }});
  routes.push_back(VerbCall("/v1/events/{id}", "publish", Access::kStaff, c, &Stub::PublishEvent,
                            &PlacesVariant));
  routes.push_back(
      VerbCall("/v1/events/{id}", "cancel", Access::kStaff, c, &Stub::CancelEvent, &PlacesVariant));
  routes.push_back(VerbCall("/v1/events/{id}", "complete", Access::kStaff, c, &Stub::CompleteEvent,
                            &PlacesVariant));
  routes.push_back({Method::kPost, "/v1/events/{id}/sessions", Access::kStaff, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::CreateSessionRequest req;
                      req.set_event_id(r.PathParam("id"));
                      google::protobuf::FieldMask fields;
                      IRIS_RETURN_IF_ERROR(rest::BodyInto(r, req.mutable_session(), &fields));
                      *req.mutable_fields() = fields;
                      IRIS_ASSIGN_OR_RETURN(auto s, Call(c, &Stub::CreateSession, r, req));
                      return rest::Created(s, s.version(),
                                           "/v1/events/" + s.event_id() + "/sessions");
                    }});
  routes.push_back({Method::kGet, "/v1/events/{id}/sessions", Access::kPublic, Body::kNone,
                    [&c, &cursors](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListSessionsRequest req;
                      req.set_event_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(*req.mutable_page(),
                                            rest::PageRequestOf(r, cursors, kSessionsScope));
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListSessions, r, req));
                      return rest::ListReply(out, req.page(), cursors, kSessionsScope);
                    }});
  routes.back().query = rest::ListQuery();
  routes.push_back(Calendar(c));
  return routes;
}

}  // namespace iris::gateway
