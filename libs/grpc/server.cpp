#include "libs/grpc/server.hpp"

#include <signal.h>

#include <cstdio>

#include <grpcpp/ext/health_check_service_server_builder_option.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include "libs/grpc/metrics_interceptor.hpp"
#include "libs/log/log.hpp"

namespace iris::grpc {

Server::Server(ServerConfig config, std::vector<::grpc::Service*> services,
               iris::metrics::Metrics* metrics, std::function<absl::Status()> ready)
    : config_(std::move(config)),
      services_(std::move(services)),
      metrics_(metrics),
      ready_(std::move(ready)) {}

Server::~Server() { Shutdown(); }

absl::Status Server::Start() {
  ::grpc::EnableDefaultHealthCheckService(true);
  ::grpc::ServerBuilder builder;
  const std::string address = config_.host + ":" + std::to_string(config_.port);
  builder.AddListeningPort(address, ::grpc::InsecureServerCredentials(), &port_);
  for (auto* s : services_) builder.RegisterService(s);
  builder.SetSyncServerOption(::grpc::ServerBuilder::SyncServerOption::MIN_POLLERS,
                              config_.min_threads);
  builder.SetSyncServerOption(::grpc::ServerBuilder::SyncServerOption::MAX_POLLERS,
                              config_.max_threads);
  if (metrics_ != nullptr) {
    std::vector<std::unique_ptr<::grpc::experimental::ServerInterceptorFactoryInterface>> f;
    f.push_back(std::make_unique<MetricsInterceptorFactory>(metrics_));
    builder.experimental().SetInterceptorCreators(std::move(f));
  }
  server_ = builder.BuildAndStart();
  if (!server_ || port_ == 0) {
    server_.reset();
    return absl::FailedPreconditionError("cannot listen on " + address +
                                         " (port already in use or address invalid)");
  }
  // Not serving until the first readiness check passes.
  server_->GetHealthCheckService()->SetServingStatus(false);
  watcher_ = std::thread([this] { WatchReadiness(); });
  return absl::OkStatus();
}

void Server::WatchReadiness() {
  bool last = false;
  bool first = true;
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    const absl::Status s = ready_ ? ready_() : absl::OkStatus();
    lock.lock();
    if (stopping_) break;
    const bool ok = s.ok();
    if (first || ok != last) {
      server_->GetHealthCheckService()->SetServingStatus(ok);
      if (ok) {
        iris::log::Info("ready");
      } else {
        iris::log::Warn("not ready", {{"reason", std::string(s.message())}});
      }
      first = false;
      last = ok;
    }
    cv_.wait_for(lock, config_.readiness_interval, [this] { return stopping_; });
  }
}

void Server::Shutdown() {
  {
    std::lock_guard lock(mu_);
    if (stopping_ && !server_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (watcher_.joinable()) watcher_.join();
  if (server_) {
    server_->GetHealthCheckService()->SetServingStatus(false);
    // In-flight RPCs get drain_timeout to finish; then they are cancelled.
    server_->Shutdown(std::chrono::system_clock::now() + config_.drain_timeout);
    server_->Wait();
    server_.reset();
  }
}

void BlockTerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int WaitForTerminationSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int sig = 0;
  sigwait(&set, &sig);
  return sig;
}

int Serve(const ServerConfig& config, std::vector<::grpc::Service*> services,
          iris::metrics::Metrics& metrics, std::function<absl::Status()> ready,
          const Companion& companion) {
  if (config.metrics_port > 0) {
    auto s = metrics.Serve(config.host + ":" + std::to_string(config.metrics_port));
    if (!s.ok()) {
      std::fprintf(stderr, "%s: metrics: %s\n", config.service.c_str(),
                   std::string(s.message()).c_str());
      return 1;
    }
  }
  Server server(config, std::move(services), &metrics, std::move(ready));
  if (auto s = server.Start(); !s.ok()) {
    std::fprintf(stderr, "%s: %s\n", config.service.c_str(), std::string(s.message()).c_str());
    return 1;
  }
  iris::log::Info("serving", {{"grpc_port", server.port()}, {"metrics_port", config.metrics_port}});
  if (companion.start) companion.start();
  const int sig = WaitForTerminationSignal();
  iris::log::Info("draining", {{"signal", sig}});
  if (companion.stop) companion.stop();
  server.Shutdown();
  iris::log::Info("stopped");
  return 0;
}

}  // namespace iris::grpc
