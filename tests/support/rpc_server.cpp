#include "tests/support/rpc_server.hpp"

#include <utility>

namespace iris::testing {

using namespace std::chrono_literals;

RpcServer::RpcServer(std::string service, std::vector<::grpc::Service*> services,
                     std::function<absl::Status()> ready)
    : metrics_(service),
      // A short readiness interval: tests that break the database see NOT_SERVING quickly.
      server_(iris::grpc::ServerConfig{.service = std::move(service), .readiness_interval = 100ms},
              std::move(services), &metrics_, std::move(ready)) {}

RpcServer::~RpcServer() { server_.Shutdown(); }

absl::Status RpcServer::Start() {
  if (auto s = server_.Start(); !s.ok()) return s;
  channel_ = iris::grpc::MakeChannel("127.0.0.1:" + std::to_string(server_.port()));
  return absl::OkStatus();
}

}  // namespace iris::testing
