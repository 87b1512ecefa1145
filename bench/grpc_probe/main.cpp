// Latency of one gRPC call at a time against a running membership service, without the
// gateway: tells how much of a REST read is the gateway and how much the service.
//   iris-grpc-probe <host:port> <organization id> [calls]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "grpc/health/v1/health.grpc.pb.h"
#include "iris/membership/v1/organizations.grpc.pb.h"

namespace {

template <typename F>
void Measure(const char* name, int calls, F call) {
  std::vector<double> us;
  us.reserve(calls);
  for (int i = 0; i < calls; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    if (!call()) {
      std::printf("%-22s fails (not served here)\n", name);
      return;
    }
    us.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(us.begin(), us.end());
  std::printf("%-22s calls %d  p50 %.0f us  p99 %.0f us\n", name, calls, us[us.size() / 2],
              us[us.size() * 99 / 100]);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s <host:port> <organization id> [calls]\n", argv[0]);
    return 2;
  }
  const int calls = argc > 3 ? std::atoi(argv[3]) : 2000;
  auto channel = grpc::CreateChannel(argv[1], grpc::InsecureChannelCredentials());
  auto health = grpc::health::v1::Health::NewStub(channel);
  auto orgs = iris::membership::v1::Organizations::NewStub(channel);
  auto check = [&] {
    grpc::ClientContext ctx;
    grpc::health::v1::HealthCheckRequest req;
    grpc::health::v1::HealthCheckResponse res;
    return health->Check(&ctx, req, &res).ok();
  };
  auto get = [&] {
    grpc::ClientContext ctx;
    iris::membership::v1::GetOrganizationRequest req;
    req.set_id(argv[2]);
    iris::membership::v1::Organization res;
    return orgs->GetOrganization(&ctx, req, &res).ok();
  };
  Measure("warm-up", 200, get);
  Measure("Health.Check", calls, check);
  Measure("GetOrganization", calls, get);
  return 0;
}
