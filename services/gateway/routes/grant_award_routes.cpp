// Grants awarded, their payment tranches and the grantee's reports (API.md "grants awarded").
// Grants are public; tranches and reports are for staff and the grantee organisation. Rules
// live in the grants service.
#include "iris/grants/v1/awards.grpc.pb.h"
#include "libs/status/status.hpp"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/routes/upstream_call.hpp"
#include "services/gateway/routes/verb_call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::grants::v1;
using Stub = v1::Awards::Stub;
// The list its cursors are signed for: a cursor of another list is refused (rest::PageRequestOf).
constexpr std::string_view kCursorScope = "grants";

// Grants and tranches and reports change with their grant's or report's state: never cached.
constexpr std::string_view kNoStore = "no-store";

}  // namespace

std::vector<Route> GrantAwardRoutes(Upstream& c, const pagination::CursorCodec& cursors) {
  std::vector<Route> routes;
  // The award decision: 201 with the new grant (API.md "Verbs"); If-Match is the application's.
  routes.push_back({Method::kPost, "/v1/grant-applications/{id}/award", Access::kNetworkAdmin,
                    Body::kJson, [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::AwardApplicationRequest req;
                      req.set_application_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(int64_t expected, rest::ExpectedVersion(r));
                      req.set_expected_version(expected);
                      IRIS_RETURN_IF_ERROR(
                          rest::BodyInto(r, req.mutable_grant(), req.mutable_fields()));
                      IRIS_ASSIGN_OR_RETURN(auto g, Call(c, &Stub::AwardApplication, r, req));
                      return rest::Created(g, g.version(), "/v1/grants/" + g.id());
                    }});
  routes.push_back({Method::kGet, "/v1/grants", Access::kPublic, Body::kNone,
                    [&c, &cursors](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListGrantsRequest req;
                      IRIS_ASSIGN_OR_RETURN(*req.mutable_page(),
                                            rest::PageRequestOf(r, cursors, kCursorScope));
                      rest::QueryInto(r, "call_id", req.mutable_call_id());
                      rest::QueryInto(r, "organization_id", req.mutable_organization_id());
                      rest::QueryInto(r, "country", req.mutable_country());
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListGrants, r, req));
                      return rest::ListReply(out, req.page(), cursors, kCursorScope);
                    }});
  routes.back().query = rest::ListQuery({"call_id", "organization_id", "country"});
  routes.back().repeatable = {"call_id", "organization_id", "country"};
  routes.push_back({Method::kGet, "/v1/grants/{id}", Access::kPublic, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetGrantRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto g, Call(c, &Stub::GetGrant, r, req));
                      return rest::Resource(g, g.version());
                    }});

  routes.push_back({Method::kGet, "/v1/grants/{id}/tranches", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListTranchesRequest req;
                      req.set_grant_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListTranches, r, req));
                      return rest::UnpagedList(out, kNoStore);
                    }});
  routes.push_back(
      {Method::kPost, "/v1/grants/{id}/tranches", Access::kNetworkAdmin, Body::kJson,
       [&c](RequestContext& r) -> absl::StatusOr<Reply> {
         v1::CreateTrancheRequest req;
         req.set_grant_id(r.PathParam("id"));
         IRIS_RETURN_IF_ERROR(rest::BodyInto(r, req.mutable_tranche(), req.mutable_fields()));
         IRIS_ASSIGN_OR_RETURN(auto t, Call(c, &Stub::CreateTranche, r, req));
         // Tranches have no GET of their own: the grant's list is where a tranche is read.
         return rest::Created(t, t.version(), "/v1/grants/" + t.grant_id() + "/tranches");
       }});
  routes.push_back(
      VerbCall("/v1/tranches/{id}", "pay", Access::kNetworkAdmin, c, &Stub::PayTranche));
  routes.push_back(
      VerbCall("/v1/tranches/{id}", "cancel", Access::kNetworkAdmin, c, &Stub::CancelTranche));

  routes.push_back({Method::kGet, "/v1/grants/{id}/reports", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListReportsRequest req;
                      req.set_grant_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListReports, r, req));
                      return rest::UnpagedList(out, kNoStore);
                    }});
  routes.push_back(
      {Method::kPost, "/v1/grants/{id}/reports", Access::kAuthenticated, Body::kJson,
       [&c](RequestContext& r) -> absl::StatusOr<Reply> {
         v1::CreateReportRequest req;
         req.set_grant_id(r.PathParam("id"));
         IRIS_RETURN_IF_ERROR(rest::BodyInto(r, req.mutable_report(), req.mutable_fields()));
         IRIS_ASSIGN_OR_RETURN(auto report, Call(c, &Stub::CreateReport, r, req));
         return rest::Created(report, report.version(), "/v1/grant-reports/" + report.id());
       }});
  routes.push_back({Method::kGet, "/v1/grant-reports/{id}", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetReportRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto report, Call(c, &Stub::GetReport, r, req));
                      return rest::Resource(report, report.version());
                    }});
  routes.push_back({Method::kPatch, "/v1/grant-reports/{id}", Access::kAuthenticated, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::UpdateReportRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(int64_t expected, rest::ExpectedVersion(r));
                      req.set_expected_version(expected);
                      IRIS_RETURN_IF_ERROR(
                          rest::BodyInto(r, req.mutable_report(), req.mutable_fields()));
                      IRIS_ASSIGN_OR_RETURN(auto report, Call(c, &Stub::UpdateReport, r, req));
                      return rest::Resource(report, report.version());
                    }});
  routes.push_back(
      VerbCall("/v1/grant-reports/{id}", "submit", Access::kAuthenticated, c, &Stub::SubmitReport));
  routes.push_back(
      VerbCall("/v1/grant-reports/{id}", "accept", Access::kNetworkAdmin, c, &Stub::AcceptReport));
  routes.push_back(
      VerbCall("/v1/grant-reports/{id}", "return", Access::kNetworkAdmin, c, &Stub::ReturnReport));
  return routes;
}

}  // namespace iris::gateway
