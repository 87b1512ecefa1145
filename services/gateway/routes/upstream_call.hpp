// A route's call to its upstream service: the request's caller and request id travel with it.
#pragma once

#include "absl/status/statusor.h"
#include "services/gateway/clients/upstream.hpp"
#include "services/gateway/routes/route.hpp"

namespace iris::gateway {

template <typename Response, typename Stub, typename Request>
absl::StatusOr<Response> CallUnary(Upstream& upstream, Stub& stub,
                                   ::grpc::Status (Stub::*method)(::grpc::ClientContext*,
                                                                  const Request&, Response*),
                                   const RequestContext& r, const Request& request) {
  auto caller = r.caller;
  caller.request_id = r.request_id;
  return upstream.Call(stub, method, caller, request);
}

}  // namespace iris::gateway
