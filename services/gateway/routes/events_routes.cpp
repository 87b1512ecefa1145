// events' routes, area by area. Rules live in the events service; routes map REST to gRPC.
#include "services/gateway/routes/route_table.hpp"

namespace iris::gateway {

std::vector<Route> EventsRoutes(Upstream& events, const RouteDeps& deps) {
  std::vector<Route> all;
  auto append = [&all](std::vector<Route> more) {
    for (auto& r : more) all.push_back(std::move(r));
  };
  append(EventRoutes(events, deps.Cursors()));
  append(RegistrationRoutes(events, deps.Cursors(), deps.anonymous_registrations_per_hour));
  append(ProgrammeRoutes(events, deps.Cursors()));
  return all;
}

}  // namespace iris::gateway
