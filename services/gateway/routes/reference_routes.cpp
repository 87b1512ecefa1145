// Reference data: countries, target groups, languages, national networks (public reads).
#include "iris/membership/v1/membership.grpc.pb.h"
#include "libs/status/status.hpp"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/routes/upstream_call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::membership::v1;
using Stub = v1::Membership::Stub;
constexpr std::chrono::seconds kReferenceTtl(60);
// Reference lists are short and change rarely: browsers and proxies may keep them too.
constexpr std::string_view kReferenceCacheControl = "public, max-age=300";

// cache_ttl: countries, target groups and languages change only with a migration, so each
// gateway may reuse them for a minute; networks have a status staff may change: not cached.
template <typename Request, typename Response>
Route ListRoute(std::string path, Upstream& c,
                ::grpc::Status (Stub::*method)(::grpc::ClientContext*, const Request&, Response*),
                std::chrono::seconds cache_ttl) {
  return {Method::kGet,
          std::move(path),
          Access::kPublic,
          Body::kNone,
          [&c, method](RequestContext& r) -> absl::StatusOr<Reply> {
            IRIS_ASSIGN_OR_RETURN(auto out, Call(c, method, r, Request{}));
            return rest::UnpagedList(out, kReferenceCacheControl);
          },
          cache_ttl};
}

}  // namespace

std::vector<Route> ReferenceRoutes(Upstream& c) {
  std::vector<Route> routes;
  routes.push_back(ListRoute("/v1/countries", c, &Stub::ListCountries, kReferenceTtl));
  routes.push_back(ListRoute("/v1/target-groups", c, &Stub::ListTargetGroups, kReferenceTtl));
  routes.push_back(ListRoute("/v1/languages", c, &Stub::ListLanguages, kReferenceTtl));
  routes.push_back(ListRoute("/v1/networks", c, &Stub::ListNetworks, std::chrono::seconds(0)));
  routes.push_back({Method::kGet, "/v1/networks/{country}", Access::kPublic, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetNetworkRequest req;
                      req.set_country(r.PathParam("country"));
                      IRIS_ASSIGN_OR_RETURN(auto network, Call(c, &Stub::GetNetwork, r, req));
                      return rest::Resource(network, network.version());
                    }});
  return routes;
}

}  // namespace iris::gateway
