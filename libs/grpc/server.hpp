// gRPC server bootstrap shared by every service: health, readiness, metrics, graceful drain.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <grpcpp/server.h>

#include "absl/status/status.h"
#include "libs/metrics/metrics.hpp"

namespace iris::grpc {

struct ServerConfig {
  std::string service;  // "membership": names metrics and log lines
  std::string host = "127.0.0.1";
  int port = 0;          // 0 picks a free port (tests)
  int metrics_port = 0;  // 0: no metrics endpoint
  std::chrono::milliseconds drain_timeout{10000};
  std::chrono::milliseconds readiness_interval{1000};
  // Threads of gRPC's synchronous server that stay waiting for calls. gRPC's defaults (1 and
  // 2) make it start and end a thread for nearly every call under concurrent load: 289
  // threads came and went in 4 s at 32 connections, and each costs far more than the call.
  // Up to max_threads threads stay; more are started only while all are busy.
  int min_threads = 2;
  int max_threads = 32;
};

// A started gRPC server. grpc.health.v1 reports SERVING while `ready` returns OK (checked every
// readiness_interval), so a probe sees a lost database; metrics count every RPC by method/code.
class Server {
 public:
  Server(ServerConfig config, std::vector<::grpc::Service*> services,
         iris::metrics::Metrics* metrics, std::function<absl::Status()> ready);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  absl::Status Start();
  int port() const { return port_; }
  // Reports NOT_SERVING, lets in-flight RPCs finish within drain_timeout, then stops.
  void Shutdown();

 private:
  void WatchReadiness();

  ServerConfig config_;
  std::vector<::grpc::Service*> services_;
  iris::metrics::Metrics* metrics_;
  std::function<absl::Status()> ready_;
  std::unique_ptr<::grpc::Server> server_;
  int port_ = 0;
  std::thread watcher_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
};

// Blocks SIGTERM/SIGINT in the calling thread; call first in main() so every thread started
// later inherits the mask and WaitForTerminationSignal() alone receives them.
void BlockTerminationSignals();
int WaitForTerminationSignal();

// What runs beside the server (the outbox relay): started once the server serves, so a service
// may call itself; stopped when the termination signal arrives, before the drain.
struct Companion {
  std::function<void()> start;
  std::function<void()> stop;
};

// The whole life of a service process: metrics endpoint, server, wait for SIGTERM, drain.
// Returns the process exit code; a taken port is one clear line and exit code 1.
int Serve(const ServerConfig& config, std::vector<::grpc::Service*> services,
          iris::metrics::Metrics& metrics, std::function<absl::Status()> ready,
          const Companion& companion = {});

}  // namespace iris::grpc
