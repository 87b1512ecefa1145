// People: contact persons of organisations. Personal data, so every route needs a signed-in
// caller and the membership service answers NOT_FOUND to anyone not responsible for them.
#include "iris/membership/v1/people.grpc.pb.h"
#include "libs/status/status.hpp"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/routes/upstream_call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::membership::v1;
using Stub = v1::People::Stub;
// The list its cursors are signed for: a cursor of another list is refused (rest::PageRequestOf).
constexpr std::string_view kCursorScope = "people";

}  // namespace

std::vector<Route> PeopleRoutes(Upstream& c, const pagination::CursorCodec& cursors) {
  std::vector<Route> routes;
  routes.push_back({Method::kGet, "/v1/organizations/{id}/people", Access::kAuthenticated,
                    Body::kNone, [&c, &cursors](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListPeopleRequest req;
                      req.set_organization_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(*req.mutable_page(),
                                            rest::PageRequestOf(r, cursors, kCursorScope));
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListPeople, r, req));
                      return rest::ListReply(out, req.page(), cursors, kCursorScope);
                    }});
  routes.back().query = rest::ListQuery();
  routes.push_back({Method::kPost, "/v1/organizations/{id}/people", Access::kAuthenticated,
                    Body::kJson, [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::CreatePersonRequest req;
                      req.set_organization_id(r.PathParam("id"));
                      IRIS_RETURN_IF_ERROR(
                          rest::BodyInto(r, req.mutable_person(), req.mutable_fields()));
                      IRIS_ASSIGN_OR_RETURN(auto person, Call(c, &Stub::CreatePerson, r, req));
                      return rest::Created(person, person.version(), "/v1/people/" + person.id());
                    }});
  routes.push_back({Method::kGet, "/v1/people/{id}", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetPersonRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto person, Call(c, &Stub::GetPerson, r, req));
                      return rest::Resource(person, person.version());
                    }});
  routes.push_back({Method::kPatch, "/v1/people/{id}", Access::kAuthenticated, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::UpdatePersonRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(int64_t expected, rest::ExpectedVersion(r));
                      req.set_expected_version(expected);
                      IRIS_RETURN_IF_ERROR(
                          rest::BodyInto(r, req.mutable_person(), req.mutable_fields()));
                      IRIS_ASSIGN_OR_RETURN(auto person, Call(c, &Stub::UpdatePerson, r, req));
                      return rest::Resource(person, person.version());
                    }});
  routes.push_back({Method::kDelete, "/v1/people/{id}", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ErasePersonRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(int64_t expected, rest::ExpectedVersion(r));
                      req.set_expected_version(expected);
                      IRIS_RETURN_IF_ERROR(Call(c, &Stub::ErasePerson, r, req).status());
                      return rest::NoContent();
                    }});
  routes.push_back({Method::kGet, "/v1/people/{id}/export", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetPersonRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto exported, Call(c, &Stub::ExportPerson, r, req));
                      // A download: the browser saves it instead of showing it.
                      return Reply::Json(200, exported)
                          .WithHeader("Content-Disposition", "attachment; filename=\"person-" +
                                                                 exported.person().id() + ".json\"")
                          .WithHeader("Cache-Control", "no-store");
                    }});
  return routes;
}

}  // namespace iris::gateway
