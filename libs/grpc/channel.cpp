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
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 5000);
  return ::grpc::CreateCustomChannel(address, ::grpc::InsecureChannelCredentials(), args);
}

void PrepareContext(::grpc::ClientContext& ctx, const Caller& caller,
                    std::chrono::milliseconds deadline) {
  ctx.set_deadline(std::chrono::system_clock::now() + deadline);
  AttachCaller(ctx, caller);
}

}  // namespace iris::grpc
