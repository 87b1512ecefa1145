// Server interceptor counting every RPC and its latency by method and status code.
#pragma once

#include <grpcpp/support/server_interceptor.h>

#include "libs/metrics/metrics.hpp"

namespace iris::grpc {

class MetricsInterceptorFactory : public ::grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit MetricsInterceptorFactory(iris::metrics::Metrics* metrics) : metrics_(metrics) {}
  ::grpc::experimental::Interceptor* CreateServerInterceptor(
      ::grpc::experimental::ServerRpcInfo* info) override;

 private:
  iris::metrics::Metrics* metrics_;
};

}  // namespace iris::grpc
