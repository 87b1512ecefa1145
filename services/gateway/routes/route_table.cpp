#include "services/gateway/routes/route_table.hpp"

namespace iris::gateway {

// Each service's routes (MembershipRoutes is below; another service's lives in its
// routes/<service>_routes.cpp, e.g. GrantsRoutes in grants_routes.cpp).

const std::vector<ServiceRegistration>& RegisteredServices() {
  static const std::vector<ServiceRegistration> kAll = {
      {"membership", "127.0.0.1:50051", &MembershipRoutes},
      {"grants", "127.0.0.1:50052", &GrantsRoutes},
      {"events", "127.0.0.1:50053", &EventsRoutes},
      {"documents", "127.0.0.1:50054", &DocumentsRoutes},
      {"notifications", "127.0.0.1:50055", &NotificationsRoutes},
  };
  return kAll;
}

const pagination::CursorCodec& RouteDeps::Cursors() const {
  static const pagination::CursorCodec kThrowaway("unset: routes listed without a cursor key");
  return cursors ? *cursors : kThrowaway;
}

std::vector<Route> AllRoutes(Upstreams& upstreams, const RouteDeps& deps) {
  std::vector<Route> all = OpsRoutes(deps.readiness, deps.openapi_json);
  for (auto& r : ProblemRoutes()) all.push_back(std::move(r));
  for (auto& r : DocsRoutes(deps.docs_page)) all.push_back(std::move(r));
  for (const auto& service : RegisteredServices()) {
    for (auto& r : service.routes(upstreams.Get(service.name), deps)) all.push_back(std::move(r));
  }
  for (auto& r : AuditRoutes(upstreams, deps)) all.push_back(std::move(r));  // every service's
  return all;
}

std::vector<Route> MembershipRoutes(Upstream& membership, const RouteDeps& deps) {
  std::vector<Route> all;
  auto append = [&all](std::vector<Route> more) {
    for (auto& r : more) all.push_back(std::move(r));
  };
  append(ReferenceRoutes(membership));
  append(OrganizationRoutes(membership, deps.Cursors()));
  append(SocialServiceRoutes(membership, deps.Cursors()));
  append(PeopleRoutes(membership, deps.Cursors()));
  append(ApplicationRoutes(membership, deps.Cursors()));
  append(AccountRoutes(membership, deps.Cursors()));
  append(SessionRoutes(membership, deps.jwt, deps.login_limiter));
  return all;
}

}  // namespace iris::gateway
