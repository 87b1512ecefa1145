#include "libs/grpc/channel.hpp"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

namespace iris::grpc {

std::shared_ptr<::grpc::Channel> MakeChannel(const std::string& address) {
  ::grpc::ChannelArguments args;
  // Default backoff grows to 120 s: a service restarted after a crash would stay unreachable
  // long after it is back. Cap it so routes recover within a second.
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  // Despite its name, gRPC uses this as the least time one connection attempt may take
  // (connect plus HTTP/2 handshake). At 100 ms, attempts against a service that had just
  // started were cut off again and again: the gateway took 5 s to reach a membership service
  // that was serving after 0.5 s.
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 2000);
  // Services bound a list page to kMaxPageBytes (libs/pagination) and a problem's field errors
  // (libs/status kMaxErrors); these limits are the headroom above them, so that what a client
  // asks for never meets gRPC's defaults (4 MB messages, 8 KB metadata) first.
  args.SetMaxReceiveMessageSize(16 * 1024 * 1024);
  args.SetInt(GRPC_ARG_MAX_METADATA_SIZE, 256 * 1024);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 5000);
  // gRPC's transparent retries are on by default and put a retry filter on every call, which
  // copies each call's metadata and adds closures (seen in the gateway's profile, issue 13).
  // Nothing here retries: a failed call is answered (503) and the client retries, with its
  // Idempotency-Key for writes.
  args.SetInt(GRPC_ARG_ENABLE_RETRIES, 0);
  return ::grpc::CreateCustomChannel(address, ::grpc::InsecureChannelCredentials(), args);
}

void PrepareContext(::grpc::ClientContext& ctx, const identity::Caller& caller,
                    std::chrono::milliseconds deadline) {
  // Never later than the caller's own deadline: nobody waits for an answer after it.
  auto at = std::chrono::system_clock::now() + deadline;
  if (caller.deadline != std::chrono::system_clock::time_point{} && caller.deadline < at) {
    at = caller.deadline;
  }
  ctx.set_deadline(at);
  AttachCaller(ctx, caller);
}

}  // namespace iris::grpc
