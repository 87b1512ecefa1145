// The gateway's routes, one list per area, joined into the one table.
#pragma once

#include <string>
#include <vector>

#include "services/gateway/clients/membership_client.hpp"
#include "services/gateway/middleware/readiness.hpp"
#include "services/gateway/routes/route.hpp"

namespace iris::gateway {

std::vector<Route> ReferenceRoutes(MembershipClient& membership);
// /healthz, /readyz, /v1/openapi.json
std::vector<Route> OpsRoutes(Readiness& readiness, const std::string& openapi_json);

struct RouteDeps {
  MembershipClient& membership;
  Readiness& readiness;
  const std::string& openapi_json;
};
std::vector<Route> AllRoutes(RouteDeps deps);

}  // namespace iris::gateway
