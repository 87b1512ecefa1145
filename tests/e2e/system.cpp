#include "tests/e2e/system.hpp"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

#include "tests/support/http_client.hpp"
#include "tests/support/test_env.hpp"

namespace iris::testing {

using namespace std::chrono_literals;

std::string GatewayBinary() { return IRIS_GATEWAY_BIN; }
std::string MembershipBinary() { return IRIS_MEMBERSHIP_BIN; }

System::System()
    : http_port_(FreePort()),
      metrics_port_(FreePort()),
      membership_port_(FreePort()),
      membership_metrics_port_(FreePort()) {
  char tmpl[] = "/tmp/iris-e2e-XXXXXX";
  dir_ = ::mkdtemp(tmpl);
  StartMembership();
  gateway_ = std::make_unique<ChildProcess>(
      GatewayBinary(), std::vector<std::string>{},
      std::vector<std::pair<std::string, std::string>>{
          {"IRIS_HTTP_HOST", "127.0.0.1"},
          {"IRIS_HTTP_PORT", std::to_string(http_port_)},
          {"IRIS_METRICS_HOST", "127.0.0.1"},
          {"IRIS_METRICS_PORT", std::to_string(metrics_port_)},
          {"IRIS_MEMBERSHIP_ADDR", "127.0.0.1:" + std::to_string(membership_port_)},
          {"IRIS_REDIS_PORT", RequireEnv("IRIS_TEST_REDIS_PORT")},
          {"IRIS_UPSTREAM_DEADLINE_MS", "1000"},
          {"IRIS_JWT_SECRET", kJwtSecret},
          {"IRIS_DRAIN_TIMEOUT_MS", "3000"}},
      dir_ + "/gateway.log");
  if (!WaitReady(20s)) {
    throw std::runtime_error("system not ready; gateway log:\n" + gateway_->LogTail() +
                             "\nmembership log:\n" + membership_->LogTail());
  }
}

System::~System() {
  if (gateway_) gateway_->Signal(SIGTERM);
  if (membership_) membership_->Signal(SIGTERM);
  if (gateway_) gateway_->Wait(10s);
  if (membership_) membership_->Wait(10s);
}

void System::StartMembership() {
  membership_ = std::make_unique<ChildProcess>(
      MembershipBinary(), std::vector<std::string>{},
      std::vector<std::pair<std::string, std::string>>{
          {"IRIS_MEMBERSHIP_DATABASE_URL", MembershipDatabaseUrl()},
          {"IRIS_MEMBERSHIP_GRPC_PORT", std::to_string(membership_port_)},
          {"IRIS_MEMBERSHIP_METRICS_PORT", std::to_string(membership_metrics_port_)},
          {"IRIS_ADMIN_EMAIL", kAdminEmail},
          {"IRIS_ADMIN_PASSWORD", kAdminPassword},
          {"IRIS_DRAIN_TIMEOUT_MS", "3000"}},
      dir_ + "/membership.log");
}

void System::KillMembership() {
  membership_->Signal(SIGKILL);
  membership_->Wait(5s);
}

bool System::WaitReady(std::chrono::milliseconds timeout) const {
  return Eventually([&] { return HttpRequest("GET", Url("/readyz"), "", {}, 1s).status == 200; },
                    timeout, 100ms);
}

std::string System::Url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(http_port_) + path;
}

std::string System::MetricsUrl() const {
  return "http://127.0.0.1:" + std::to_string(metrics_port_) + "/metrics";
}

}  // namespace iris::testing
