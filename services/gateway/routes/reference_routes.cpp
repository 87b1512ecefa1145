// Reference data: countries, target groups, languages, national networks (public reads).
#include "services/gateway/routes/route_table.hpp"

#include "libs/json/proto_json.hpp"
#include "libs/status/status.hpp"
#include "services/gateway/clients/call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::membership::v1;
constexpr std::chrono::seconds kReferenceTtl(60);
using Stub = v1::Membership::Stub;

// Reference lists are short and unpaged, but keep the list shape of every other list.
template <typename Response>
Reply ListReply(const Response& response) {
  auto doc = iris::json::ToJson(response);
  if (!doc.contains("items")) doc["items"] = nlohmann::json::array();
  doc["next_cursor"] = nullptr;
  return Reply::Json(200, doc).WithHeader("Cache-Control", "public, max-age=300");
}

// cache_ttl: countries, target groups and languages change only with a migration, so each
// gateway may reuse them for a minute; networks have a status staff may change: not cached.
template <typename Request, typename Response>
Route ListRoute(std::string path, MembershipClient& c,
                ::grpc::Status (Stub::*method)(::grpc::ClientContext*, const Request&,
                                               Response*),
                std::chrono::seconds cache_ttl) {
  return {Method::kGet, std::move(path), Access::kPublic, Body::kNone,
          [&c, method](RequestContext& r) -> absl::StatusOr<Reply> {
            IRIS_ASSIGN_OR_RETURN(auto out, CallUnary(c.stub(), method, r, Request{},
                                                      c.deadline(), "membership"));
            return ListReply(out);
          },
          cache_ttl};
}

}  // namespace

std::vector<Route> ReferenceRoutes(MembershipClient& c) {
  std::vector<Route> routes;
  routes.push_back(ListRoute("/v1/countries", c, &Stub::ListCountries, kReferenceTtl));
  routes.push_back(ListRoute("/v1/target-groups", c, &Stub::ListTargetGroups, kReferenceTtl));
  routes.push_back(ListRoute("/v1/languages", c, &Stub::ListLanguages, kReferenceTtl));
  routes.push_back(ListRoute("/v1/networks", c, &Stub::ListNetworks, std::chrono::seconds(0)));
  routes.push_back({Method::kGet, "/v1/networks/{country}", Access::kPublic, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetNetworkRequest req;
                      req.set_country(r.PathParam("country"));
                      IRIS_ASSIGN_OR_RETURN(auto out, CallUnary(c.stub(), &Stub::GetNetwork, r,
                                                                req, c.deadline(), "membership"));
                      return Reply::Json(200, out).WithHeader(
                          "ETag", "\"" + std::to_string(out.version()) + "\"");
                    }});
  return routes;
}

}  // namespace iris::gateway
