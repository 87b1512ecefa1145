// The whole system for end-to-end tests: membership and gateway processes on free ports, over
// the Postgres and Redis that scripts/test.sh started.
#pragma once

#include <memory>
#include <string>

#include "tests/support/process.hpp"

namespace iris::testing {

// Paths of the binaries under test (this build's targets).
std::string GatewayBinary();
std::string MembershipBinary();

class System {
 public:
  // The first network admin membership creates at startup (when none exists), and the key the
  // gateway signs tokens with: the same for every System, so suites sharing a database agree.
  static constexpr const char* kAdminEmail = "admin@e2e.iris.example.org";
  static constexpr const char* kAdminPassword = "e2e admin password, long enough";
  static constexpr const char* kJwtSecret = "e2e-jwt-secret-0123456789abcdef0123456789";

  System();   // starts membership, then the gateway; waits until /readyz is 200
  ~System();  // stops both

  std::string Url(const std::string& path) const;
  std::string MetricsUrl() const;
  int http_port() const { return http_port_; }

  void StartMembership();
  void KillMembership();  // SIGKILL, as a crash would
  bool WaitReady(std::chrono::milliseconds timeout) const;
  ChildProcess& gateway() { return *gateway_; }
  ChildProcess& membership() { return *membership_; }

 private:
  std::string dir_;
  int http_port_, metrics_port_, membership_port_, membership_metrics_port_;
  std::unique_ptr<ChildProcess> membership_;
  std::unique_ptr<ChildProcess> gateway_;
};

}  // namespace iris::testing
