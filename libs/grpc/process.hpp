// Process-wide settings of the gRPC runtime; call first in main(), before any gRPC object.
#pragma once

namespace iris::grpc {

// - Client connection attempts progress only while some thread polls gRPC. The sync API polls
//   only inside a call, and a call to a channel in TRANSIENT_FAILURE fails at once, so a
//   channel whose server came up later waited for gRPC's backup poller: every 5 s by default,
//   which made the gateway ready 5 s after a membership service that was serving after 0.5 s.
//   GRPC_CLIENT_CHANNEL_BACKUP_POLL_INTERVAL_MS becomes 100 unless the environment sets it.
// - Abseil's Mutex deadlock detection is turned off: Debian builds Abseil without NDEBUG, so
//   every gRPC lock updated a global lock graph (about 2 % of each process's CPU under load).
void ConfigureProcess();

}  // namespace iris::grpc
