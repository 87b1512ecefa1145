// Registrations, attendance and certificates: members register people of their organisation
// (anyone, for a public event), staff select, waitlist, reject and record attendance, the
// registration's organisation or staff confirm and cancel, and anyone verifies a certificate.
// Who sees what is decided in events (a registration a caller may not see is a 404 there).
#include <chrono>

#include "iris/events/v1/registrations.grpc.pb.h"
#include "libs/status/status.hpp"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/routes/upstream_call.hpp"
#include "services/gateway/routes/verb_call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::events::v1;
using Stub = v1::Registrations::Stub;
// The list its cursors are signed for: a cursor of another list is refused (rest::PageRequestOf).
constexpr std::string_view kCursorScope = "event-registrations";
// A certificate changes only when its event's title does: a minute of reuse is harmless.
constexpr std::chrono::seconds kCertificateTtl{60};

}  // namespace

std::vector<Route> RegistrationRoutes(Upstream& c, const pagination::CursorCodec& cursors,
                                      int anonymous_per_hour) {
  std::vector<Route> routes;
  routes.push_back({Method::kGet, "/v1/events/{id}/registrations", Access::kAuthenticated,
                    Body::kNone, [&c, &cursors](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListRegistrationsRequest req;
                      req.set_event_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(*req.mutable_page(),
                                            rest::PageRequestOf(r, cursors, kCursorScope));
                      rest::QueryInto(r, "status", req.mutable_status());
                      rest::QueryInto(r, "organization_id", req.mutable_organization_id());
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListRegistrations, r, req));
                      return rest::ListReply(out, req.page(), cursors, kCursorScope);
                    }});
  routes.back().query = rest::ListQuery({"status", "organization_id"});
  routes.back().repeatable = {"status", "organization_id"};
  // Public: for an event whose audience is public, anyone registers; events decides.
  routes.push_back({Method::kPost, "/v1/events/{id}/registrations", Access::kPublic, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::CreateRegistrationRequest req;
                      req.set_event_id(r.PathParam("id"));
                      google::protobuf::FieldMask sent;
                      IRIS_RETURN_IF_ERROR(rest::BodyInto(r, req.mutable_registration(), &sent));
                      *req.mutable_fields() = sent;
                      IRIS_ASSIGN_OR_RETURN(auto reg, Call(c, &Stub::CreateRegistration, r, req));
                      return rest::Created(reg, reg.version(), "/v1/registrations/" + reg.id());
                    }});
  // A script must not fill a public event's places (or probe which emails are registered, the
  // 409 already_registered) from one address: signed-in callers are not held by this.
  routes.back().anonymous_limit = {anonymous_per_hour, std::chrono::hours(1)};
  routes.push_back({Method::kGet, "/v1/registrations/{id}", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetRegistrationRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto reg, Call(c, &Stub::GetRegistration, r, req));
                      return rest::Resource(reg, reg.version());
                    }});
  routes.push_back(
      VerbCall("/v1/registrations/{id}", "select", Access::kStaff, c, &Stub::SelectRegistration));
  routes.push_back(VerbCall("/v1/registrations/{id}", "waitlist", Access::kStaff, c,
                            &Stub::WaitlistRegistration));
  routes.push_back(
      VerbCall("/v1/registrations/{id}", "reject", Access::kStaff, c, &Stub::RejectRegistration));
  routes.push_back(VerbCall("/v1/registrations/{id}", "confirm", Access::kAuthenticated, c,
                            &Stub::ConfirmRegistration));
  routes.push_back(VerbCall("/v1/registrations/{id}", "cancel", Access::kAuthenticated, c,
                            &Stub::CancelRegistration));
  routes.push_back({Method::kPost, "/v1/registrations/{id}/attendance", Access::kStaff, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::RecordAttendanceRequest req;
                      google::protobuf::FieldMask sent;
                      IRIS_RETURN_IF_ERROR(rest::BodyInto(r, &req, &sent));
                      bool has_date = false;
                      for (const auto& f : sent.paths()) {
                        if (f == "date") {
                          has_date = true;
                        } else {
                          r.body_errors.Add(f, "is not a field of an attendance");
                        }
                      }
                      if (!has_date && r.body_errors.ok()) r.body_errors.Add("date", "is required");
                      IRIS_RETURN_IF_ERROR(r.body_errors.Finish());
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto reg, Call(c, &Stub::RecordAttendance, r, req));
                      return rest::Resource(reg, reg.version());
                    }});
  routes.push_back({Method::kGet, "/v1/certificates/{code}", Access::kPublic, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetCertificateRequest req;
                      req.set_code(r.PathParam("code"));
                      IRIS_ASSIGN_OR_RETURN(auto cert, Call(c, &Stub::GetCertificate, r, req));
                      return Reply::Json(200, cert);
                    }});
  routes.back().cache_ttl = kCertificateTtl;
  return routes;
}

}  // namespace iris::gateway
