// Grant applications and their review: members apply for their own organisation, network
// admins assign reviewers and reject, assigned reviewers score, staff read a call's ranking.
// Who sees what is decided in grants (an application a caller may not see is a 404 there).
#include "iris/grants/v1/applications.grpc.pb.h"
#include "libs/status/status.hpp"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/routes/upstream_call.hpp"
#include "services/gateway/routes/verb_call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::grants::v1;
using Stub = v1::Applications::Stub;
// The list its cursors are signed for: a cursor of another list is refused (rest::PageRequestOf).
constexpr std::string_view kCursorScope = "grant-applications";
constexpr std::string_view kNoStore = "no-store";

}  // namespace

std::vector<Route> GrantApplicationRoutes(Upstream& c, const pagination::CursorCodec& cursors) {
  std::vector<Route> routes;
  routes.push_back({Method::kGet, "/v1/grant-calls/{id}/applications", Access::kAuthenticated,
                    Body::kNone, [&c, &cursors](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListApplicationsRequest req;
                      req.set_call_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(*req.mutable_page(),
                                            rest::PageRequestOf(r, cursors, kCursorScope));
                      rest::QueryInto(r, "status", req.mutable_status());
                      rest::QueryInto(r, "country", req.mutable_country());
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListApplications, r, req));
                      return rest::ListReply(out, req.page(), cursors, kCursorScope);
                    }});
  routes.back().query = rest::ListQuery({"status", "country"});
  routes.back().repeatable = {"status", "country"};
  routes.push_back({Method::kPost, "/v1/grant-calls/{id}/applications", Access::kAuthenticated,
                    Body::kJson, [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::CreateApplicationRequest req;
                      req.set_call_id(r.PathParam("id"));
                      IRIS_RETURN_IF_ERROR(
                          rest::BodyInto(r, req.mutable_application(), req.mutable_fields()));
                      IRIS_ASSIGN_OR_RETURN(auto a, Call(c, &Stub::CreateApplication, r, req));
                      return rest::Created(a, a.version(), "/v1/grant-applications/" + a.id());
                    }});
  routes.push_back({Method::kGet, "/v1/grant-applications/{id}", Access::kAuthenticated,
                    Body::kNone, [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetApplicationRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto a, Call(c, &Stub::GetApplication, r, req));
                      return rest::Resource(a, a.version());
                    }});
  routes.push_back({Method::kPatch, "/v1/grant-applications/{id}", Access::kAuthenticated,
                    Body::kJson, [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::UpdateApplicationRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(int64_t expected, rest::ExpectedVersion(r));
                      req.set_expected_version(expected);
                      IRIS_RETURN_IF_ERROR(
                          rest::BodyInto(r, req.mutable_application(), req.mutable_fields()));
                      IRIS_ASSIGN_OR_RETURN(auto a, Call(c, &Stub::UpdateApplication, r, req));
                      return rest::Resource(a, a.version());
                    }});
  routes.push_back(VerbCall("/v1/grant-applications/{id}", "submit", Access::kAuthenticated, c,
                            &Stub::SubmitApplication));
  routes.push_back(VerbCall("/v1/grant-applications/{id}", "withdraw", Access::kAuthenticated, c,
                            &Stub::WithdrawApplication));
  routes.push_back(VerbCall("/v1/grant-applications/{id}", "reject", Access::kNetworkAdmin, c,
                            &Stub::RejectApplication));

  routes.push_back({Method::kGet, "/v1/grant-applications/{id}/reviewers", Access::kAuthenticated,
                    Body::kNone, [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListReviewersRequest req;
                      req.set_application_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListReviewers, r, req));
                      return rest::UnpagedList(out, kNoStore);
                    }});
  routes.push_back({Method::kPost, "/v1/grant-applications/{id}/reviewers", Access::kNetworkAdmin,
                    Body::kJson, [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::AssignReviewerRequest req;
                      google::protobuf::FieldMask sent;
                      IRIS_RETURN_IF_ERROR(rest::BodyInto(r, &req, &sent));
                      for (const auto& f : sent.paths()) {
                        if (f != "reviewer_id")
                          r.body_errors.Add(f, "is not a field of a reviewer assignment");
                      }
                      IRIS_RETURN_IF_ERROR(r.body_errors.Finish());
                      req.set_application_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto a, Call(c, &Stub::AssignReviewer, r, req));
                      return rest::Created(
                          a, "/v1/grant-applications/" + a.application_id() + "/reviewers");
                    }});
  routes.push_back({Method::kGet, "/v1/grant-applications/{id}/reviews", Access::kAuthenticated,
                    Body::kNone, [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListReviewsRequest req;
                      req.set_application_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListReviews, r, req));
                      return rest::UnpagedList(out, kNoStore);
                    }});
  routes.push_back(
      {Method::kPost, "/v1/grant-applications/{id}/reviews", Access::kAuthenticated, Body::kJson,
       [&c](RequestContext& r) -> absl::StatusOr<Reply> {
         v1::CreateReviewRequest req;
         req.set_application_id(r.PathParam("id"));
         IRIS_RETURN_IF_ERROR(rest::BodyInto(r, req.mutable_review(), req.mutable_fields()));
         IRIS_ASSIGN_OR_RETURN(auto review, Call(c, &Stub::CreateReview, r, req));
         return rest::Created(review, review.version(),
                              "/v1/grant-applications/" + review.application_id() + "/reviews");
       }});
  routes.push_back({Method::kGet, "/v1/grant-calls/{id}/ranking", Access::kStaff, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetRankingRequest req;
                      req.set_call_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::GetRanking, r, req));
                      return rest::UnpagedList(out, kNoStore);
                    }});
  return routes;
}

}  // namespace iris::gateway
