// A route's call to its upstream service: `method` runs on the stub of the gRPC service it
// belongs to, and the request's caller and request id travel with it. After a body with field
// errors (RequestContext::body_errors), the call is a dry run whose rule errors join them.
//
//   IRIS_ASSIGN_OR_RETURN(auto org, Call(upstream, &v1::Organizations::Stub::GetOrganization,
//                                        r, req));
#pragma once

#include "absl/status/statusor.h"
#include "services/gateway/clients/upstream.hpp"
#include "services/gateway/routes/body_errors.hpp"
#include "services/gateway/routes/route.hpp"

namespace iris::gateway {

template <typename Response, typename Stub, typename Request>
absl::StatusOr<Response> Call(Upstream& upstream,
                              ::grpc::Status (Stub::*method)(::grpc::ClientContext*, const Request&,
                                                             Response*),
                              RequestContext& r, const Request& request) {
  auto caller = r.caller;
  caller.request_id = r.request_id;
  if (r.body_errors.ok()) return upstream.Call(upstream.StubOf<Stub>(), method, caller, request);
  // The body had errors: never a real call. A dry run of what was left of it adds the
  // service's rule errors (body_errors.hpp); without one, the errors found are the answer.
  if (!r.dry_run_allowed) return r.body_errors.Finish();
  caller.dry_run = true;
  auto dry_run = upstream.Call(upstream.StubOf<Stub>(), method, caller, request);
  return WithRuleErrors(r.body_errors, dry_run.status());
}

}  // namespace iris::gateway
