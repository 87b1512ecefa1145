// absl::Status <-> grpc::Status, carrying the ErrorDetail in grpc's binary details.
#pragma once

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace iris::status {

::grpc::Status ToGrpc(const absl::Status& status);
absl::Status FromGrpc(const ::grpc::Status& status);

}  // namespace iris::status
