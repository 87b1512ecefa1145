#include "services/gateway/routes/route_table.hpp"

namespace iris::gateway {

std::vector<Route> AllRoutes(RouteDeps deps) {
  std::vector<Route> all;
  auto append = [&all](std::vector<Route> more) {
    for (auto& r : more) all.push_back(std::move(r));
  };
  append(OpsRoutes(deps.readiness, deps.openapi_json));
  append(ReferenceRoutes(deps.membership));
  static const pagination::CursorCodec kThrowaway("unset: routes listed without a cursor key");
  append(OrganizationRoutes(deps.membership, deps.cursors ? *deps.cursors : kThrowaway));
  append(SocialServiceRoutes(deps.membership, deps.cursors ? *deps.cursors : kThrowaway));
  append(PeopleRoutes(deps.membership, deps.cursors ? *deps.cursors : kThrowaway));
  append(ApplicationRoutes(deps.membership, deps.cursors ? *deps.cursors : kThrowaway));
  append(AccountRoutes(deps.membership, deps.jwt, deps.login_limiter));
  return all;
}

}  // namespace iris::gateway
