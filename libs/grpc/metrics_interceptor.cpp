#include "libs/grpc/metrics_interceptor.hpp"

#include <chrono>
#include <string>

namespace iris::grpc {
namespace {

using ::grpc::experimental::InterceptionHookPoints;

class MetricsInterceptor : public ::grpc::experimental::Interceptor {
 public:
  MetricsInterceptor(iris::metrics::Metrics* metrics, std::string method)
      : metrics_(metrics), method_(std::move(method)), start_(std::chrono::steady_clock::now()) {}

  void Intercept(::grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      const auto status = methods->GetSendStatus();
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
      metrics_->ObserveRequest("grpc", method_, "POST", static_cast<int>(status.error_code()),
                               seconds);
    }
    methods->Proceed();
  }

 private:
  iris::metrics::Metrics* metrics_;
  std::string method_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

::grpc::experimental::Interceptor* MetricsInterceptorFactory::CreateServerInterceptor(
    ::grpc::experimental::ServerRpcInfo* info) {
  return new MetricsInterceptor(metrics_, info->method());
}

}  // namespace iris::grpc
