// One unary gRPC call from a route: deadline, caller metadata, status mapping. Every service
// client goes through here, so a slow or absent service always becomes a 503 with Retry-After.
#pragma once

#include <grpcpp/client_context.h>

#include <chrono>
#include <string>

#include "absl/status/statusor.h"
#include "libs/grpc/channel.hpp"
#include "libs/status/grpc_status.hpp"
#include "services/gateway/routes/route.hpp"

namespace iris::gateway {

template <typename Response, typename Stub, typename Request>
absl::StatusOr<Response> CallUnary(
    Stub& stub, ::grpc::Status (Stub::*method)(::grpc::ClientContext*, const Request&, Response*),
    const RequestContext& r, const Request& request, std::chrono::milliseconds deadline,
    const char* service) {
  ::grpc::ClientContext ctx;
  auto caller = r.caller;
  caller.request_id = r.request_id;
  iris::grpc::PrepareContext(ctx, caller, deadline);
  Response response;
  const ::grpc::Status s = (stub.*method)(&ctx, request, &response);
  if (s.ok()) return response;
  if (s.error_code() == ::grpc::StatusCode::UNAVAILABLE ||
      s.error_code() == ::grpc::StatusCode::DEADLINE_EXCEEDED) {
    // Not the service's own words: say which dependency failed, never how.
    return absl::UnavailableError(std::string("the ") + service +
                                  " service did not answer in time; retry shortly");
  }
  return iris::status::FromGrpc(s);
}

}  // namespace iris::gateway
