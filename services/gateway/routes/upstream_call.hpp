// A route's call to its upstream service: `method` runs on the stub of the gRPC service it
// belongs to, and the request's caller and request id travel with it.
//
//   IRIS_ASSIGN_OR_RETURN(auto org, Call(upstream, &v1::Organizations::Stub::GetOrganization,
//                                        r, req));
#pragma once

#include "absl/status/statusor.h"
#include "services/gateway/clients/upstream.hpp"
#include "services/gateway/routes/route.hpp"

namespace iris::gateway {

template <typename Response, typename Stub, typename Request>
absl::StatusOr<Response> Call(Upstream& upstream,
                              ::grpc::Status (Stub::*method)(::grpc::ClientContext*, const Request&,
                                                             Response*),
                              const RequestContext& r, const Request& request) {
  auto caller = r.caller;
  caller.request_id = r.request_id;
  return upstream.Call(upstream.StubOf<Stub>(), method, caller, request);
}

}  // namespace iris::gateway
