// grants' routes, area by area. Rules live in the grants service; routes map REST to gRPC.
#include "services/gateway/routes/route_table.hpp"

namespace iris::gateway {

std::vector<Route> GrantsRoutes(Upstream& grants, const RouteDeps& deps) {
  std::vector<Route> all;
  auto append = [&all](std::vector<Route> more) {
    for (auto& r : more) all.push_back(std::move(r));
  };
  append(GrantCallRoutes(grants, deps.Cursors()));
  append(GrantApplicationRoutes(grants, deps.Cursors()));
  append(GrantAwardRoutes(grants, deps.Cursors()));
  append(GrantStatisticsRoutes(grants));
  return all;
}

}  // namespace iris::gateway
