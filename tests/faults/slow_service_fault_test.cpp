// A service slower than the gateway's deadline: that route answers 503 with Retry-After when the
// deadline passes, and the gateway keeps serving other routes meanwhile.
#include <gtest/gtest.h>

#include <signal.h>

#include <atomic>
#include <thread>

#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include "iris/membership/v1/membership.grpc.pb.h"
#include "libs/grpc/caller_assertion.hpp"
#include "tests/e2e/system.hpp"
#include "tests/faults/traffic.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_env.hpp"

namespace iris::testing {
namespace {

using namespace std::chrono_literals;
namespace v1 = iris::membership::v1;

// ListCountries takes 3 s (or until the caller gives up); ListNetworks answers at once.
class SlowCountriesMembership final : public v1::Membership::Service {
 public:
  ::grpc::Status ListCountries(::grpc::ServerContext* ctx, const v1::ListCountriesRequest*,
                               v1::ListCountriesResponse*) override {
    ++countries_in_flight_;
    const auto end = std::chrono::steady_clock::now() + 3s;
    while (std::chrono::steady_clock::now() < end && !ctx->IsCancelled()) {
      std::this_thread::sleep_for(10ms);
    }
    --countries_in_flight_;
    return ::grpc::Status::OK;
  }
  ::grpc::Status ListNetworks(::grpc::ServerContext*, const v1::ListNetworksRequest*,
                              v1::ListNetworksResponse* out) override {
    out->add_items()->set_country("RS");
    return ::grpc::Status::OK;
  }
  int countries_in_flight() const { return countries_in_flight_; }

 private:
  std::atomic<int> countries_in_flight_{0};
};

TEST(SlowServiceFaultTest, SlowRouteGets503AtTheDeadlineWhileOtherRoutesAnswer) {
  SlowCountriesMembership service;
  ::grpc::EnableDefaultHealthCheckService(true);  // the gateway's /readyz asks grpc.health.v1
  int fake_port = 0;
  ::grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", ::grpc::InsecureServerCredentials(), &fake_port);
  builder.RegisterService(&service);
  std::unique_ptr<::grpc::Server> server = builder.BuildAndStart();
  ASSERT_TRUE(server != nullptr && fake_port > 0);

  char tmpl[] = "/tmp/iris-fault-XXXXXX";
  const std::string dir = ::mkdtemp(tmpl);
  const int http_port = FreePort();
  ChildProcess gateway(GatewayBinary(), {},
                       {{"IRIS_HTTP_HOST", "127.0.0.1"},
                        {"IRIS_HTTP_PORT", std::to_string(http_port)},
                        {"IRIS_METRICS_HOST", "127.0.0.1"},
                        {"IRIS_METRICS_PORT", std::to_string(FreePort())},
                        {"IRIS_MEMBERSHIP_ADDR", "127.0.0.1:" + std::to_string(fake_port)},
                        {"IRIS_REDIS_PORT", RequireEnv("IRIS_TEST_REDIS_PORT")},
                        {"IRIS_UPSTREAM_DEADLINE_MS", "500"},
                        {"IRIS_DRAIN_TIMEOUT_MS", "1000"},
                        {"IRIS_CALLER_SIGNING_KEY", iris::grpc::NewCallerKeyPair().seed}},
                       dir + "/gateway.log");
  const std::string base = "http://127.0.0.1:" + std::to_string(http_port);
  ASSERT_TRUE(Eventually(
      [&] { return HttpRequest("GET", base + "/readyz", "", {}, 1s).status == 200; }, 20s, 50ms))
      << gateway.LogTail();

  HttpResult slow;
  std::thread slow_client([&] { slow = HttpRequest("GET", base + "/v1/countries", "", {}, 10s); });
  ASSERT_TRUE(Eventually([&] { return service.countries_in_flight() == 1; }, 2s, 5ms));
  const HttpResult fast = HttpRequest("GET", base + "/v1/networks", "", {}, 5s);
  const bool slow_still_waiting = service.countries_in_flight() == 1;
  slow_client.join();

  EXPECT_EQ(fast.status, 200) << fast.body;
  EXPECT_LT(fast.seconds, 0.45);  // well inside the 0.5 s deadline the slow route waits out
  EXPECT_TRUE(slow_still_waiting) << "the fast route was not served while the slow one waited";
  EXPECT_TRUE(IsUnavailableProblem(slow)) << slow.status << " " << slow.body;
  EXPECT_GE(slow.seconds, 0.45);  // the deadline, not an early failure
  EXPECT_LE(slow.seconds, 1.2);   // the deadline, not the service's 3 s

  gateway.Signal(SIGTERM);
  EXPECT_EQ(gateway.Wait(10s), 0) << gateway.LogTail();
  server->Shutdown(std::chrono::system_clock::now() + 1s);
}

}  // namespace
}  // namespace iris::testing
