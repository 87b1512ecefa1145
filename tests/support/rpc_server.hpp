// A service's real gRPC server on 127.0.0.1:0 for rpc tests, and one call made as a given
// Caller, the way the gateway sends it. Every *_rpc_test of every service starts its server
// and calls it the same way, so both live here once.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include "absl/status/status.h"
#include "libs/grpc/channel.hpp"
#include "libs/grpc/server.hpp"
#include "libs/identity/caller.hpp"
#include "libs/metrics/metrics.hpp"
#include "libs/status/grpc_status.hpp"

namespace iris::testing {

class RpcServer {
 public:
  // `ready` answers readiness (grpc.health.v1), as the service's database ping does.
  RpcServer(std::string service, std::vector<::grpc::Service*> services,
            std::function<absl::Status()> ready);
  ~RpcServer();  // shuts the server down

  RpcServer(const RpcServer&) = delete;
  RpcServer& operator=(const RpcServer&) = delete;

  // Binds a free port and serves; the reason if it cannot. The test process signs its calls'
  // callers and the server verifies them, as gateway and service do.
  absl::Status Start();
  // A channel to the started server, for the test's stubs.
  std::shared_ptr<::grpc::Channel> channel() const { return channel_; }

 private:
  iris::metrics::Metrics metrics_;
  iris::grpc::Server server_;
  std::shared_ptr<::grpc::Channel> channel_;
};

// One unary RPC as `caller` (its identity and request id as metadata, the gateway's way);
// the status comes back as the service's absl::Status, field errors and reason included.
template <typename Stub, typename Req, typename Resp>
absl::Status CallAs(Stub& stub, const iris::identity::Caller& caller,
                    ::grpc::Status (Stub::*method)(::grpc::ClientContext*, const Req&, Resp*),
                    const Req& req, Resp* out,
                    std::chrono::milliseconds deadline = std::chrono::seconds(5)) {
  ::grpc::ClientContext ctx;
  iris::grpc::PrepareContext(ctx, caller, deadline);
  return iris::status::FromGrpc((stub.*method)(&ctx, req, out));
}

}  // namespace iris::testing
