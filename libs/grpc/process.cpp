#include "libs/grpc/process.hpp"

#include <cstdlib>

#include "absl/synchronization/mutex.h"

namespace iris::grpc {

void ConfigureProcess() {
  // Read by gRPC when it initialises; an operator's own value wins (overwrite = 0).
  ::setenv("GRPC_CLIENT_CHANNEL_BACKUP_POLL_INTERVAL_MS", "100", 0);
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
}

}  // namespace iris::grpc
