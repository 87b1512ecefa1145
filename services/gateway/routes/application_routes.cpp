// Membership applications: anyone applies without an account; staff of the application's
// country (or network admins) review and decide. Rules live in membership.
#include "iris/membership/v1/applications.grpc.pb.h"
#include "libs/status/status.hpp"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/routes/upstream_call.hpp"
#include "services/gateway/routes/verb_call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::membership::v1;
using Stub = v1::Applications::Stub;
// The list its cursors are signed for: a cursor of another list is refused (rest::PageRequestOf).
constexpr std::string_view kCursorScope = "membership-applications";

}  // namespace

std::vector<Route> ApplicationRoutes(Upstream& c, const pagination::CursorCodec& cursors) {
  std::vector<Route> routes;
  routes.push_back({Method::kGet, "/v1/membership-applications", Access::kStaff, Body::kNone,
                    [&c, &cursors](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListApplicationsRequest req;
                      IRIS_ASSIGN_OR_RETURN(*req.mutable_page(),
                                            rest::PageRequestOf(r, cursors, kCursorScope));
                      rest::QueryInto(r, "status", req.mutable_status());
                      rest::QueryInto(r, "country", req.mutable_country());
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListApplications, r, req));
                      return rest::ListReply(out, req.page(), cursors, kCursorScope);
                    }});
  routes.back().query = rest::ListQuery({"status", "country"});
  routes.back().repeatable = {"status", "country"};
  routes.push_back(
      {Method::kPost, "/v1/membership-applications", Access::kPublic, Body::kJson,
       [&c](RequestContext& r) -> absl::StatusOr<Reply> {
         v1::SubmitApplicationRequest req;
         IRIS_RETURN_IF_ERROR(rest::BodyInto(r, req.mutable_application(), req.mutable_fields()));
         IRIS_ASSIGN_OR_RETURN(auto submitted, Call(c, &Stub::SubmitApplication, r, req));
         const auto& a = submitted.application();
         // The applicant has no account: the status link is how it follows the
         // application. Shown once, so nothing may store the answer.
         auto doc = iris::json::ToJson(a);
         doc["status_url"] = "/v1/application-status/" + submitted.status_token();
         return Reply::Json(201, doc)
             .WithHeader("ETag", rest::Etag(a.version()))
             .WithHeader("Location", "/v1/membership-applications/" + a.id())
             .WithHeader("Cache-Control", "no-store");
       }});
  routes.back().idempotency_keys = false;  // the status link is a credential: never stored
  // The link holds the credential: whoever has it sees the application, nobody else (404).
  routes.push_back({Method::kGet, "/v1/application-status/{token}", Access::kPublic, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetApplicationStatusRequest req;
                      req.set_status_token(r.PathParam("token"));
                      IRIS_ASSIGN_OR_RETURN(auto a, Call(c, &Stub::GetApplicationStatus, r, req));
                      return rest::Resource(a, a.version())
                          .WithHeader("Cache-Control", "private, no-store")
                          .WithHeader("Referrer-Policy", "no-referrer");
                    }});
  routes.push_back({Method::kGet, "/v1/membership-applications/{id}", Access::kStaff, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetApplicationRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto a, Call(c, &Stub::GetApplication, r, req));
                      return rest::Resource(a, a.version());
                    }});
  routes.push_back(VerbCall("/v1/membership-applications/{id}", "approve", Access::kStaff, c,
                            &Stub::ApproveApplication));
  routes.push_back(VerbCall("/v1/membership-applications/{id}", "reject", Access::kStaff, c,
                            &Stub::RejectApplication));
  return routes;
}

}  // namespace iris::gateway
