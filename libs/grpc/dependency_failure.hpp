// What a failed call to another service means to the service that made it: OK and NOT_FOUND
// are answers the caller handles itself; not answering in time, being down or overloaded is
// UNAVAILABLE (503, retry; nothing was changed); anything else is a contract or key mismatch
// between the services, logged for the operators and still a 503 to the client, never a 500.
#pragma once

#include <string_view>

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace iris::grpc {

// `service`: who was asked ("membership"); `what`: what was asked ("organization <id>").
absl::Status DependencyFailure(std::string_view service, const ::grpc::Status& s,
                               std::string_view what);

}  // namespace iris::grpc
