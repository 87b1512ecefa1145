// Social services offered by members: per organisation and across the network (with filters),
// and the service categories. Each route maps REST to one SocialServices RPC; rules live in
// membership.
#include "iris/membership/v1/social_services.grpc.pb.h"
#include "libs/status/status.hpp"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/routes/upstream_call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::membership::v1;
using Stub = v1::SocialServices::Stub;
// The lists their cursors are signed for: a cursor of one list is refused by the others
// (rest::PageRequestOf).
constexpr std::string_view kCursorScope = "services";
constexpr std::string_view kOrganizationCursorScope = "organization-services";
// Categories change only with a migration.
constexpr std::chrono::seconds kCategoriesTtl(60);

std::string Location(const v1::SocialService& s) {
  return "/v1/organizations/" + s.organization_id() + "/services/" + s.id();
}

// Both lists share the filters; a cursor of one is refused by the other.
Route ListRoute(std::string path, std::string_view list, Upstream& c,
                const pagination::CursorCodec& cursors) {
  Route route{Method::kGet, std::move(path), Access::kPublic, Body::kNone,
              [&c, &cursors, list](RequestContext& r) -> absl::StatusOr<Reply> {
                v1::ListSocialServicesRequest req;
                IRIS_ASSIGN_OR_RETURN(*req.mutable_page(), rest::PageRequestOf(r, cursors, list));
                if (list == kOrganizationCursorScope) req.set_organization_id(r.PathParam("id"));
                rest::QueryInto(r, "country", req.mutable_country());
                rest::QueryInto(r, "target_group", req.mutable_target_group());
                rest::QueryInto(r, "category", req.mutable_category());
                rest::QueryInto(r, "licensing_status", req.mutable_licensing_status());
                req.set_licence_expires_before(rest::Query(r, "licence_expires_before"));
                IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListSocialServices, r, req));
                return rest::ListReply(out, req.page(), cursors, list);
              }};
  route.query = rest::ListQuery(
      {"country", "target_group", "category", "licensing_status", "licence_expires_before"});
  route.repeatable = {"country", "target_group", "category", "licensing_status"};
  return route;
}

}  // namespace

std::vector<Route> SocialServiceRoutes(Upstream& c, const pagination::CursorCodec& cursors) {
  const std::string one = "/v1/organizations/{id}/services/{service_id}";
  std::vector<Route> routes;
  routes.push_back(ListRoute("/v1/services", kCursorScope, c, cursors));
  routes.push_back(
      ListRoute("/v1/organizations/{id}/services", kOrganizationCursorScope, c, cursors));
  routes.push_back({Method::kPost, "/v1/organizations/{id}/services", Access::kAuthenticated,
                    Body::kJson, [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::CreateSocialServiceRequest req;
                      req.set_organization_id(r.PathParam("id"));
                      IRIS_RETURN_IF_ERROR(
                          rest::BodyInto(r, req.mutable_social_service(), req.mutable_fields()));
                      IRIS_ASSIGN_OR_RETURN(auto s, Call(c, &Stub::CreateSocialService, r, req));
                      return rest::Created(s, s.version(), Location(s), s.organization_name());
                    }});
  routes.push_back({Method::kGet, one, Access::kPublic, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetSocialServiceRequest req;
                      req.set_organization_id(r.PathParam("id"));
                      req.set_id(r.PathParam("service_id"));
                      IRIS_ASSIGN_OR_RETURN(auto s, Call(c, &Stub::GetSocialService, r, req));
                      return rest::Resource(s, s.version(), 200, s.organization_name());
                    }});
  routes.push_back({Method::kPatch, one, Access::kAuthenticated, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::UpdateSocialServiceRequest req;
                      req.set_organization_id(r.PathParam("id"));
                      req.set_id(r.PathParam("service_id"));
                      IRIS_ASSIGN_OR_RETURN(int64_t expected, rest::ExpectedVersion(r));
                      req.set_expected_version(expected);
                      IRIS_RETURN_IF_ERROR(
                          rest::BodyInto(r, req.mutable_social_service(), req.mutable_fields()));
                      IRIS_ASSIGN_OR_RETURN(auto s, Call(c, &Stub::UpdateSocialService, r, req));
                      return rest::Resource(s, s.version(), 200, s.organization_name());
                    }});
  routes.push_back({Method::kDelete, one, Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::DeleteSocialServiceRequest req;
                      req.set_organization_id(r.PathParam("id"));
                      req.set_id(r.PathParam("service_id"));
                      IRIS_ASSIGN_OR_RETURN(int64_t expected, rest::ExpectedVersion(r));
                      req.set_expected_version(expected);
                      IRIS_RETURN_IF_ERROR(Call(c, &Stub::DeleteSocialService, r, req).status());
                      return rest::NoContent();
                    }});
  routes.push_back({Method::kGet, "/v1/service-categories", Access::kPublic, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListServiceCategories, r,
                                                           v1::ListServiceCategoriesRequest{}));
                      return rest::UnpagedList(out, "public, max-age=300");
                    },
                    kCategoriesTtl});
  return routes;
}

}  // namespace iris::gateway
