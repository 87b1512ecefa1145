// The gateway's routes: the operations routes, then each registered service's, joined into the
// one table the router matches.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "libs/pagination/cursor.hpp"
#include "services/gateway/clients/upstream.hpp"
#include "services/gateway/middleware/auth_login_limiter.hpp"
#include "services/gateway/middleware/jwt.hpp"
#include "services/gateway/middleware/readiness.hpp"
#include "services/gateway/routes/docs_page.hpp"
#include "services/gateway/routes/route.hpp"

namespace iris::gateway {

// What routes may need besides their upstream.
struct RouteDeps {
  Readiness& readiness;
  // GET /v1/openapi.json: compact JSON that outlives the routes (docs::kOpenApiJson).
  std::string_view openapi_json;
  // Signs list cursors (IRIS_CURSOR_SECRET). Without one (tests that only list routes) a
  // throwaway key is used.
  const pagination::CursorCodec* cursors = nullptr;
  // Without jwt and limiter (tests that only list routes) POST /v1/auth/token answers 503.
  const Jwt* jwt = nullptr;
  LoginLimiter* login_limiter = nullptr;
  // Without it (tests that only list routes) GET /docs answers 404: not installed.
  const DocsPage* docs_page = nullptr;
  // Registrations for public events one address may send an hour without signing in
  // (IRIS_ANONYMOUS_REGISTRATIONS_PER_HOUR; 0: only the general limits).
  int anonymous_registrations_per_hour = 10;
  // The deadline of one file upload or download (IRIS_FILE_TRANSFER_TIMEOUT_MS): the JSON
  // routes' upstream deadline is far too short for 50 MiB.
  std::chrono::milliseconds file_transfer_timeout{600000};

  const pagination::CursorCodec& Cursors() const;
};

// A gRPC service behind the gateway. Adding a service to the gateway is one entry in
// RegisteredServices() (routes/route_table.cpp): its address comes from IRIS_<NAME>_ADDR
// (default_address otherwise), /readyz and iris_dependency_up{dependency="<name>"} report it,
// and its routes answer 503 problems with Retry-After while it is down.
struct ServiceRegistration {
  std::string name;             // "membership"
  std::string default_address;  // "127.0.0.1:50051"
  std::vector<Route> (*routes)(Upstream& upstream, const RouteDeps& deps);
};
const std::vector<ServiceRegistration>& RegisteredServices();

// /healthz, /readyz, /v1/openapi.json
std::vector<Route> OpsRoutes(Readiness& readiness, std::string_view openapi_json);
// /problems, /problems/{name}: the problem vocabulary, explained.
std::vector<Route> ProblemRoutes();
// /docs, /docs/{asset}: the interactive API docs, from `page` (null: not installed).
std::vector<Route> DocsRoutes(const DocsPage* page);

// GET /v1/audit-events: every registered service's audit log (the kit's Audit API), merged.
std::vector<Route> AuditRoutes(Upstreams& upstreams, const RouteDeps& deps);

// Every route: the operations routes and each registered service's, with its upstream from
// `upstreams` (which must hold one per registered service).
std::vector<Route> AllRoutes(Upstreams& upstreams, const RouteDeps& deps);

// membership's areas (routes/<area>_routes.cpp), joined by MembershipRoutes.
std::vector<Route> MembershipRoutes(Upstream& membership, const RouteDeps& deps);
std::vector<Route> ReferenceRoutes(Upstream& membership);
// /v1/me, /v1/users..., /v1/api-keys...
std::vector<Route> AccountRoutes(Upstream& membership, const pagination::CursorCodec& cursors);
// /v1/auth/token (sign-in), /v1/auth/refresh, /v1/auth/logout.
std::vector<Route> SessionRoutes(Upstream& membership, const Jwt* jwt, LoginLimiter* limiter);
// /v1/organizations...: cursors signs and checks list positions.
std::vector<Route> OrganizationRoutes(Upstream& membership, const pagination::CursorCodec& cursors);
// /v1/organizations/{id}/people, /v1/people...: personal data, signed-in callers only.
std::vector<Route> PeopleRoutes(Upstream& membership, const pagination::CursorCodec& cursors);
// /v1/services, /v1/organizations/{id}/services..., /v1/service-categories.
std::vector<Route> SocialServiceRoutes(Upstream& membership,
                                       const pagination::CursorCodec& cursors);
// /v1/membership-applications...: public submission, staff review and decisions.
std::vector<Route> ApplicationRoutes(Upstream& membership, const pagination::CursorCodec& cursors);

// grants' areas (routes/grant_*_routes.cpp), joined by GrantsRoutes (grants_routes.cpp).
std::vector<Route> GrantsRoutes(Upstream& grants, const RouteDeps& deps);
// /v1/grant-calls, /v1/grant-calls/{id}[/verb]: calls, public unless drafts.
std::vector<Route> GrantCallRoutes(Upstream& grants, const pagination::CursorCodec& cursors);
// /v1/grant-calls/{id}/applications, /v1/grant-applications..., reviewers, reviews, ranking.
std::vector<Route> GrantApplicationRoutes(Upstream& grants, const pagination::CursorCodec& cursors);
// /v1/grant-applications/{id}/award, /v1/grants..., tranches, reports.
std::vector<Route> GrantAwardRoutes(Upstream& grants, const pagination::CursorCodec& cursors);
// /v1/grant-calls/{id}/stats, /v1/grant-stats, /v1/open-data/360giving.{json,csv}.
std::vector<Route> GrantStatisticsRoutes(Upstream& grants);

// notifications' areas, joined by NotificationsRoutes (notifications_routes.cpp).
std::vector<Route> EventsRoutes(Upstream& events, const RouteDeps& deps);
// Events, their sessions and the calendar (event_routes.cpp).
std::vector<Route> EventRoutes(Upstream& events, const pagination::CursorCodec& cursors);
// Registrations, attendance and certificates (registration_routes.cpp).
// Anonymous callers send at most `anonymous_per_hour` registrations an hour per address.
std::vector<Route> RegistrationRoutes(Upstream& events, const pagination::CursorCodec& cursors,
                                      int anonymous_per_hour);
// Programmes and placements (programme_routes.cpp).
std::vector<Route> ProgrammeRoutes(Upstream& events, const pagination::CursorCodec& cursors);
// documents' areas, joined by DocumentsRoutes (documents_routes.cpp).
std::vector<Route> DocumentsRoutes(Upstream& documents, const RouteDeps& deps);
// /v1/documents, /v1/documents/{id}[/verb], versions (document_routes.cpp).
std::vector<Route> DocumentRoutes(Upstream& documents, const pagination::CursorCodec& cursors);
// PUT/GET /v1/documents/{id}/versions/{n}/files/{name}: raw bytes, streamed both ways
// (document_file_routes.cpp).
std::vector<Route> DocumentFileRoutes(Upstream& documents, const RouteDeps& deps);
// /v1/campaigns... (campaign_routes.cpp).
std::vector<Route> CampaignRoutes(Upstream& documents, const pagination::CursorCodec& cursors);
std::vector<Route> NotificationsRoutes(Upstream& notifications, const RouteDeps& deps);
// /v1/me/inbox..., /v1/me/subscriptions, /v1/topics, /v1/changes.
std::vector<Route> NotificationRoutes(Upstream& notifications,
                                      const pagination::CursorCodec& cursors);
// /v1/webhooks..., /v1/webhook-deliveries/{id}/retry.
std::vector<Route> WebhookRoutes(Upstream& notifications, const pagination::CursorCodec& cursors);

}  // namespace iris::gateway
