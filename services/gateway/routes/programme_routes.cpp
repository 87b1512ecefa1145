// Programmes and their placements: staff and members read programmes (partners and reviewers:
// events answers 403), staff create them; placements are for staff of the organisation's
// country and the organisation's members, who log mentoring sessions and list them. Who sees
// which placement is decided in events (a 404 there).
#include "iris/events/v1/programmes.grpc.pb.h"
#include "libs/status/status.hpp"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/routes/upstream_call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::events::v1;
using Stub = v1::Programmes::Stub;
// The lists their cursors are signed for: a cursor of another list is refused.
constexpr std::string_view kProgrammesScope = "programmes";
constexpr std::string_view kPlacementsScope = "placements";
constexpr std::string_view kSessionsScope = "mentoring_sessions";

}  // namespace

std::vector<Route> ProgrammeRoutes(Upstream& c, const pagination::CursorCodec& cursors) {
  std::vector<Route> routes;
  routes.push_back({Method::kGet, "/v1/programmes", Access::kAuthenticated, Body::kNone,
                    [&c, &cursors](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListProgrammesRequest req;
                      IRIS_ASSIGN_OR_RETURN(*req.mutable_page(),
                                            rest::PageRequestOf(r, cursors, kProgrammesScope));
                      rest::QueryInto(r, "kind", req.mutable_kind());
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListProgrammes, r, req));
                      return rest::ListReply(out, req.page(), cursors, kProgrammesScope);
                    }});
  routes.back().query = rest::ListQuery({"kind"});
  routes.back().repeatable = {"kind"};
  routes.push_back({Method::kPost, "/v1/programmes", Access::kStaff, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::CreateProgrammeRequest req;
                      IRIS_RETURN_IF_ERROR(
                          rest::BodyInto(r, req.mutable_programme(), req.mutable_fields()));
                      IRIS_ASSIGN_OR_RETURN(auto p, Call(c, &Stub::CreateProgramme, r, req));
                      return rest::Created(p, p.version(), "/v1/programmes/" + p.id());
                    }});
  routes.push_back({Method::kGet, "/v1/programmes/{id}", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetProgrammeRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto p, Call(c, &Stub::GetProgramme, r, req));
                      return rest::Resource(p, p.version());
                    }});
  routes.push_back({Method::kGet, "/v1/programmes/{id}/placements", Access::kAuthenticated,
                    Body::kNone, [&c, &cursors](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListPlacementsRequest req;
                      req.set_programme_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(*req.mutable_page(),
                                            rest::PageRequestOf(r, cursors, kPlacementsScope));
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListPlacements, r, req));
                      return rest::ListReply(out, req.page(), cursors, kPlacementsScope);
                    }});
  routes.back().query = rest::ListQuery();
  routes.push_back({Method::kPost, "/v1/programmes/{id}/placements", Access::kStaff, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::CreatePlacementRequest req;
                      req.set_programme_id(r.PathParam("id"));
                      IRIS_RETURN_IF_ERROR(
                          rest::BodyInto(r, req.mutable_placement(), req.mutable_fields()));
                      IRIS_ASSIGN_OR_RETURN(auto p, Call(c, &Stub::CreatePlacement, r, req));
                      return rest::Created(p, p.version(), "/v1/placements/" + p.id());
                    }});
  routes.push_back({Method::kGet, "/v1/placements/{id}", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetPlacementRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto p, Call(c, &Stub::GetPlacement, r, req));
                      return rest::Resource(p, p.version());
                    }});
  routes.push_back({Method::kPatch, "/v1/placements/{id}", Access::kStaff, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::UpdatePlacementRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(int64_t expected, rest::ExpectedVersion(r));
                      req.set_expected_version(expected);
                      IRIS_RETURN_IF_ERROR(
                          rest::BodyInto(r, req.mutable_placement(), req.mutable_fields()));
                      IRIS_ASSIGN_OR_RETURN(auto p, Call(c, &Stub::UpdatePlacement, r, req));
                      return rest::Resource(p, p.version());
                    }});
  // The sessions are listed apart from their placement (which only counts them), so neither a
  // placement nor a page of placements grows with them.
  routes.push_back({Method::kGet, "/v1/placements/{id}/sessions", Access::kAuthenticated,
                    Body::kNone, [&c, &cursors](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListMentoringSessionsRequest req;
                      req.set_placement_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(*req.mutable_page(),
                                            rest::PageRequestOf(r, cursors, kSessionsScope));
                      IRIS_ASSIGN_OR_RETURN(auto out,
                                            Call(c, &Stub::ListMentoringSessions, r, req));
                      return rest::ListReply(out, req.page(), cursors, kSessionsScope);
                    }});
  routes.back().query = rest::ListQuery();
  // The session logged; a session has no URL of its own, so Location is its placement's list.
  routes.push_back({Method::kPost, "/v1/placements/{id}/sessions", Access::kAuthenticated,
                    Body::kJson, [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::LogMentoringSessionRequest req;
                      req.set_placement_id(r.PathParam("id"));
                      IRIS_RETURN_IF_ERROR(
                          rest::BodyInto(r, req.mutable_session(), req.mutable_fields()));
                      IRIS_ASSIGN_OR_RETURN(auto s, Call(c, &Stub::LogMentoringSession, r, req));
                      return rest::Created(s, "/v1/placements/" + r.PathParam("id") + "/sessions");
                    }});
  return routes;
}

}  // namespace iris::gateway
