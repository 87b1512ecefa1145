// The gateway's routes, one list per area, joined into the one table.
#pragma once

#include <string>
#include <vector>

#include "libs/pagination/cursor.hpp"
#include "services/gateway/clients/membership_client.hpp"
#include "services/gateway/middleware/auth_login_limiter.hpp"
#include "services/gateway/middleware/jwt.hpp"
#include "services/gateway/middleware/readiness.hpp"
#include "services/gateway/routes/route.hpp"

namespace iris::gateway {

std::vector<Route> ReferenceRoutes(MembershipClient& membership);
// /v1/auth/token, /v1/me, /v1/users, /v1/api-keys. Without jwt and limiter (tests that only
// list routes) POST /v1/auth/token answers 503.
std::vector<Route> AccountRoutes(MembershipClient& membership, const Jwt* jwt,
                                 LoginLimiter* limiter);
// /v1/organizations...: cursors signs and checks list positions.
std::vector<Route> OrganizationRoutes(MembershipClient& membership,
                                      const pagination::CursorCodec& cursors);
// /v1/organizations/{id}/people, /v1/people...: personal data, signed-in callers only.
std::vector<Route> PeopleRoutes(MembershipClient& membership,
                                const pagination::CursorCodec& cursors);
// /v1/services, /v1/organizations/{id}/services..., /v1/service-categories.
std::vector<Route> SocialServiceRoutes(MembershipClient& membership,
                                       const pagination::CursorCodec& cursors);
// /v1/membership-applications...: public submission, staff review and decisions.
std::vector<Route> ApplicationRoutes(MembershipClient& membership,
                                     const pagination::CursorCodec& cursors);
// /healthz, /readyz, /v1/openapi.json
std::vector<Route> OpsRoutes(Readiness& readiness, const std::string& openapi_json);

struct RouteDeps {
  MembershipClient& membership;
  Readiness& readiness;
  const std::string& openapi_json;
  // Signs list cursors (IRIS_CURSOR_SECRET). Without one (tests that only list routes) a
  // throwaway key is used.
  const pagination::CursorCodec* cursors = nullptr;
  const Jwt* jwt = nullptr;
  LoginLimiter* login_limiter = nullptr;
};
std::vector<Route> AllRoutes(RouteDeps deps);

}  // namespace iris::gateway
