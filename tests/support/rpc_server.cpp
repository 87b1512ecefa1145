#include "tests/support/rpc_server.hpp"

#include <mutex>
#include <utility>

#include "libs/grpc/caller_assertion.hpp"

namespace iris::testing {

using namespace std::chrono_literals;

namespace {

// This process plays both the gateway (its calls carry assertions) and the service (it
// verifies them), with one key pair made for the test run.
void TrustThisProcessAsGateway() {
  static std::once_flag once;
  std::call_once(once, [] {
    const auto pair = iris::grpc::NewCallerKeyPair();
    iris::grpc::InstallCallerSigner(*iris::grpc::CallerSigner::FromSeed(pair.seed));
    iris::grpc::InstallCallerVerifier(*iris::grpc::CallerVerifier::FromKeys(pair.public_key));
  });
}

}  // namespace

RpcServer::RpcServer(std::string service, std::vector<::grpc::Service*> services,
                     std::function<absl::Status()> ready)
    : metrics_(service),
      // A short readiness interval: tests that break the database see NOT_SERVING quickly.
      server_(iris::grpc::ServerConfig{.service = std::move(service), .readiness_interval = 100ms},
              std::move(services), &metrics_, std::move(ready)) {}

RpcServer::~RpcServer() { server_.Shutdown(); }

absl::Status RpcServer::Start() {
  TrustThisProcessAsGateway();
  if (auto s = server_.Start(); !s.ok()) return s;
  channel_ = iris::grpc::MakeChannel("127.0.0.1:" + std::to_string(server_.port()));
  return absl::OkStatus();
}

}  // namespace iris::testing
