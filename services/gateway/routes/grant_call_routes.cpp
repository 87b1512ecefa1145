// Grant calls: anyone reads calls that are not drafts; network admins create, change and move
// them through draft -> open -> closed -> awarded -> archived. Rules live in grants.
#include "iris/grants/v1/calls.grpc.pb.h"
#include "libs/status/status.hpp"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/routes/upstream_call.hpp"
#include "services/gateway/routes/verb_call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::grants::v1;
using Stub = v1::Calls::Stub;
// The list its cursors are signed for: a cursor of another list is refused (rest::PageRequestOf).
constexpr std::string_view kCursorScope = "grant-calls";

}  // namespace

std::vector<Route> GrantCallRoutes(Upstream& c, const pagination::CursorCodec& cursors) {
  std::vector<Route> routes;
  routes.push_back({Method::kGet, "/v1/grant-calls", Access::kPublic, Body::kNone,
                    [&c, &cursors](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListCallsRequest req;
                      IRIS_ASSIGN_OR_RETURN(*req.mutable_page(),
                                            rest::PageRequestOf(r, cursors, kCursorScope));
                      rest::QueryInto(r, "status", req.mutable_status());
                      rest::QueryInto(r, "country", req.mutable_country());
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListCalls, r, req));
                      return rest::ListReply(out, req.page(), cursors, kCursorScope);
                    }});
  routes.back().query = rest::ListQuery({"status", "country"});
  routes.back().repeatable = {"status", "country"};
  routes.push_back({Method::kPost, "/v1/grant-calls", Access::kNetworkAdmin, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::CreateCallRequest req;
                      IRIS_RETURN_IF_ERROR(
                          rest::BodyInto(r, req.mutable_call(), req.mutable_fields()));
                      IRIS_ASSIGN_OR_RETURN(auto call, Call(c, &Stub::CreateCall, r, req));
                      return rest::Created(call, call.version(), "/v1/grant-calls/" + call.id());
                    }});
  routes.push_back({Method::kGet, "/v1/grant-calls/{id}", Access::kPublic, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetCallRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto call, Call(c, &Stub::GetCall, r, req));
                      return rest::Resource(call, call.version());
                    }});
  routes.push_back({Method::kPatch, "/v1/grant-calls/{id}", Access::kNetworkAdmin, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::UpdateCallRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(int64_t expected, rest::ExpectedVersion(r));
                      req.set_expected_version(expected);
                      IRIS_RETURN_IF_ERROR(
                          rest::BodyInto(r, req.mutable_call(), req.mutable_fields()));
                      IRIS_ASSIGN_OR_RETURN(auto call, Call(c, &Stub::UpdateCall, r, req));
                      return rest::Resource(call, call.version());
                    }});
  routes.push_back(
      VerbCall("/v1/grant-calls/{id}", "open", Access::kNetworkAdmin, c, &Stub::OpenCall));
  routes.push_back(
      VerbCall("/v1/grant-calls/{id}", "close", Access::kNetworkAdmin, c, &Stub::CloseCall));
  routes.push_back(
      VerbCall("/v1/grant-calls/{id}", "finalize", Access::kNetworkAdmin, c, &Stub::FinalizeCall));
  routes.push_back(
      VerbCall("/v1/grant-calls/{id}", "archive", Access::kNetworkAdmin, c, &Stub::ArchiveCall));
  return routes;
}

}  // namespace iris::gateway
