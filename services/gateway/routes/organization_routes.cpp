// Organisations: the public member directory and staff registration, profile updates and the
// membership lifecycle. Each route maps REST to one Organizations RPC; rules live in membership.
#include "iris/membership/v1/organizations.grpc.pb.h"
#include "libs/status/status.hpp"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/routes/upstream_call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::membership::v1;
using Stub = v1::Organizations::Stub;
// The list its cursors are signed for: a cursor of another list is refused (rest::PageRequestOf).
constexpr std::string_view kCursorScope = "organizations";

// The profile shows its directory contacts, which change without a new organisation version
// (a person's consent or name): they are the ETag's variant (rest::Etag), so a cached profile
// is not revalidated with old contacts. Empty without contacts: the plain version tag.
std::string ContactsVariant(const v1::Organization& org) {
  std::string variant;
  for (const auto& c : org.contacts()) variant += c.SerializeAsString();
  return variant;
}

Reply Profile(const v1::Organization& org) {
  return rest::Resource(org, org.version(), 200, ContactsVariant(org));
}

Route VerbRoute(std::string_view verb, Upstream& c,
                ::grpc::Status (Stub::*method)(::grpc::ClientContext*,
                                               const v1::OrganizationActionRequest&,
                                               v1::Organization*)) {
  return rest::Verb(
      "/v1/organizations/{id}", verb, Access::kStaff,
      [&c, method](RequestContext& r, const rest::VerbRequest& verb_req) -> absl::StatusOr<Reply> {
        v1::OrganizationActionRequest req;
        req.set_id(r.PathParam("id"));
        req.set_expected_version(verb_req.expected_version);
        req.set_note(verb_req.note);
        IRIS_ASSIGN_OR_RETURN(auto org, Call(c, method, r, req));
        return Profile(org);
      });
}

}  // namespace

std::vector<Route> OrganizationRoutes(Upstream& c, const pagination::CursorCodec& cursors) {
  std::vector<Route> routes;
  routes.push_back({Method::kGet, "/v1/organizations", Access::kPublic, Body::kNone,
                    [&c, &cursors](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListOrganizationsRequest req;
                      IRIS_ASSIGN_OR_RETURN(*req.mutable_page(),
                                            rest::PageRequestOf(r, cursors, kCursorScope));
                      rest::QueryInto(r, "country", req.mutable_country());
                      rest::QueryInto(r, "status", req.mutable_status());
                      rest::QueryInto(r, "kind", req.mutable_kind());
                      rest::QueryInto(r, "target_group", req.mutable_target_group());
                      req.set_q(rest::Query(r, "q"));
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListOrganizations, r, req));
                      return rest::ListReply(out, req.page(), cursors, kCursorScope);
                    }});
  routes.back().query = rest::ListQuery({"country", "status", "kind", "target_group", "q"});
  routes.back().repeatable = {"country", "status", "kind", "target_group"};
  routes.push_back({Method::kPost, "/v1/organizations", Access::kStaff, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::CreateOrganizationRequest req;
                      IRIS_RETURN_IF_ERROR(
                          rest::BodyInto(r, req.mutable_organization(), req.mutable_fields()));
                      IRIS_ASSIGN_OR_RETURN(auto org, Call(c, &Stub::CreateOrganization, r, req));
                      return rest::Created(org, org.version(), "/v1/organizations/" + org.id(),
                                           ContactsVariant(org));
                    }});
  routes.push_back({Method::kGet, "/v1/organizations/{id}", Access::kPublic, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetOrganizationRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto org, Call(c, &Stub::GetOrganization, r, req));
                      return Profile(org);
                    }});
  routes.push_back({Method::kPatch, "/v1/organizations/{id}", Access::kAuthenticated, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::UpdateOrganizationRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(int64_t expected, rest::ExpectedVersion(r));
                      req.set_expected_version(expected);
                      IRIS_RETURN_IF_ERROR(
                          rest::BodyInto(r, req.mutable_organization(), req.mutable_fields()));
                      IRIS_ASSIGN_OR_RETURN(auto org, Call(c, &Stub::UpdateOrganization, r, req));
                      return Profile(org);
                    }});
  routes.push_back(VerbRoute("suspend", c, &Stub::SuspendOrganization));
  routes.push_back(VerbRoute("reinstate", c, &Stub::ReinstateOrganization));
  routes.push_back(VerbRoute("withdraw", c, &Stub::WithdrawOrganization));
  return routes;
}

}  // namespace iris::gateway
