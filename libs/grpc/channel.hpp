// Client side: channels and per-call contexts with deadline and caller metadata.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include "libs/grpc/caller.hpp"

namespace iris::grpc {

// An insecure channel (traffic stays inside the cluster network) that reconnects quickly after
// the peer restarts, so a restarted service is usable again within about a second.
std::shared_ptr<::grpc::Channel> MakeChannel(const std::string& address);

// Every call gets a deadline and the caller's identity and request id.
void PrepareContext(::grpc::ClientContext& ctx, const identity::Caller& caller,
                    std::chrono::milliseconds deadline);

}  // namespace iris::grpc
