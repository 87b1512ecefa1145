// documents' routes, area by area. Rules live in the documents service; routes map REST to gRPC.
#include "services/gateway/routes/route_table.hpp"

namespace iris::gateway {

std::vector<Route> DocumentsRoutes(Upstream& documents, const RouteDeps& deps) {
  std::vector<Route> all;
  auto append = [&all](std::vector<Route> more) {
    for (auto& r : more) all.push_back(std::move(r));
  };
  append(DocumentRoutes(documents, deps.Cursors()));
  append(DocumentFileRoutes(documents, deps));
  append(CampaignRoutes(documents, deps.Cursors()));
  return all;
}

}  // namespace iris::gateway
