// The whole system for end-to-end tests: every service (cmake's IRIS_SERVICES) and the gateway
// as processes on free ports, over the Postgres and Redis that scripts/test.sh started.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "libs/grpc/caller_assertion.hpp"
#include "tests/support/process.hpp"

namespace iris::testing {

// Paths of the binaries under test (this build's targets).
std::string GatewayBinary();
std::string ServiceBinary(const std::string& service);
std::string MembershipBinary();
// The services this build has, in the order scripts/lib/common.sh starts them.
std::vector<std::string> ServiceNames();

class System {
 public:
  // The first network admin membership creates at startup (when none exists), and the key the
  // gateway signs tokens with: the same for every System, so suites sharing a database agree.
  static constexpr const char* kAdminEmail = "admin@e2e.iris.example.org";
  static constexpr const char* kAdminPassword = "e2e admin password, long enough";
  static constexpr const char* kJwtSecret = "e2e-jwt-secret-0123456789abcdef0123456789";
  // The one origin whose pages may call the gateway from a browser (IRIS_CORS_ORIGINS).
  static constexpr const char* kCorsOrigin = "https://app.e2e.example.org";

  // For suites that sign in and change passwords a lot: each check is an Argon2 hash (64 MiB,
  // ~0.2 s of a core), and a burst of them (ten concurrent guesses) on the 2-core CI machine,
  // with a parallel suite hashing too, took sign-ins past the default 1 s upstream deadline
  // (503s seen in a full run). Their gateway waits 5 s instead; no rule depends on the value.
  static std::vector<std::pair<std::string, std::string>> PasswordHashingEnv() {
    return {{"IRIS_UPSTREAM_DEADLINE_MS", "5000"}};
  }

  // Starts every service, then the gateway; waits until all are ready. `gateway_env` adds to
  // or replaces the gateway's settings (a suite that tests rate limits lowers them);
  // `service_env` the same for every service (a webhook suite shortens the retry schedule).
  explicit System(std::vector<std::pair<std::string, std::string>> gateway_env = {},
                  std::vector<std::pair<std::string, std::string>> service_env = {});
  ~System();  // stops them all

  std::string Url(const std::string& path) const;
  std::string MetricsUrl() const;
  // Where notifications writes mail without IRIS_SMTP_URL (one .eml file per mail). One
  // directory for every System of a test run (IRIS_TEST_MAIL_DIR, set by scripts/test.sh):
  // Systems running at once share the test database, so any one's mail worker may send
  // another's mail; tests find theirs by its unique recipient.
  std::string MailDir() const;
  // The IRIS_WEBHOOK_SECRET_KEY the services of this System run with.
  static constexpr const char* kWebhookSecretKey =
      "6b1f0c2a9d3e4f5061728394a5b6c7d8e9f00112233445566778899aabbccdde";
  int http_port() const { return http_port_; }

  void StartService(const std::string& name);
  // Starts it with `extra_env` added to (or replacing) its settings, for this run only (a
  // fault test's IRIS_RELAY_FAULT); the next StartService(name) starts it as usual.
  void StartService(const std::string& name,
                    const std::vector<std::pair<std::string, std::string>>& extra_env);
  void KillService(const std::string& name);  // SIGKILL, as a crash would
  ChildProcess& service(const std::string& name) { return *services_.at(name).process; }
  // The gateway answers and /readyz reports every upstream up.
  bool WaitReady(std::chrono::milliseconds timeout) const;
  ChildProcess& gateway() { return *gateway_; }
  // The key pair this System's gateway signs caller assertions with and its services trust.
  const iris::grpc::CallerKeyPair& caller_keys() const { return caller_keys_; }
  // A service's gRPC address, for tests that bypass the gateway.
  std::string ServiceAddress(const std::string& name) const {
    return "127.0.0.1:" + std::to_string(services_.at(name).grpc_port);
  }

  void StartMembership() { StartService("membership"); }
  void KillMembership() { KillService("membership"); }
  ChildProcess& membership() { return service("membership"); }

 private:
  struct Service {
    int grpc_port = 0;
    int metrics_port = 0;
    std::unique_ptr<ChildProcess> process;
  };
  iris::grpc::CallerKeyPair caller_keys_ = iris::grpc::NewCallerKeyPair();
  std::string dir_;
  int http_port_, metrics_port_;
  std::map<std::string, Service> services_;
  std::vector<std::pair<std::string, std::string>> service_env_;
  std::unique_ptr<ChildProcess> gateway_;
};

}  // namespace iris::testing
