#include "tests/e2e/system.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "absl/strings/str_split.h"
#include "libs/config/env.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/test_env.hpp"

namespace iris::testing {
namespace {

using namespace std::chrono_literals;

// IRIS_SERVICE_BINARIES is "name=path|name=path" (tests/CMakeLists.txt).
std::map<std::string, std::string> Binaries() {
  std::map<std::string, std::string> out;
  for (absl::string_view entry : absl::StrSplit(IRIS_SERVICE_BINARIES, '|', absl::SkipEmpty())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(entry, absl::MaxSplits('=', 1));
    out.insert(std::move(kv));
  }
  return out;
}

}  // namespace

std::string GatewayBinary() { return IRIS_GATEWAY_BIN; }
std::string ServiceBinary(const std::string& service) { return Binaries().at(service); }
std::string MembershipBinary() { return ServiceBinary("membership"); }

std::vector<std::string> ServiceNames() {
  std::vector<std::string> names;
  for (const auto& [name, path] : Binaries()) names.push_back(name);
  return names;
}

System::System(std::vector<std::pair<std::string, std::string>> gateway_env,
               std::vector<std::pair<std::string, std::string>> service_env)
    : http_port_(FreePort()), metrics_port_(FreePort()), service_env_(std::move(service_env)) {
  char tmpl[] = "/tmp/iris-e2e-XXXXXX";
  dir_ = ::mkdtemp(tmpl);
  std::vector<std::pair<std::string, std::string>> env = {
      {"IRIS_HTTP_HOST", "127.0.0.1"},
      {"IRIS_HTTP_PORT", std::to_string(http_port_)},
      {"IRIS_METRICS_HOST", "127.0.0.1"},
      {"IRIS_METRICS_PORT", std::to_string(metrics_port_)},
      {"IRIS_REDIS_PORT", RequireEnv("IRIS_TEST_REDIS_PORT")},
      {"IRIS_UPSTREAM_DEADLINE_MS", "1000"},
      {"IRIS_JWT_SECRET", kJwtSecret},
      {"IRIS_CALLER_SIGNING_KEY", caller_keys_.seed},
      {"IRIS_DRAIN_TIMEOUT_MS", "3000"},
      {"IRIS_CORS_ORIGINS", kCorsOrigin},
      // Suites send hundreds of requests a second from one address and one admin: limits
      // that never bite, except where a suite sets its own.
      {"IRIS_RATE_LIMIT_PER_MINUTE", "100000000"},
      {"IRIS_RATE_LIMIT_ANONYMOUS_PER_MINUTE", "100000000"},
      {"IRIS_ANONYMOUS_REGISTRATIONS_PER_HOUR", "0"},
      // Hostile-input and fault suites open hundreds of connections from 127.0.0.1.
      {"IRIS_MAX_CONNECTIONS_PER_ADDRESS", "0"}};
  // Every port first: a service reaches the others (grants asks membership) by their address.
  for (const std::string& name : ServiceNames()) {
    Service& s = services_[name];
    s.grpc_port = FreePort();
    s.metrics_port = FreePort();
    env.emplace_back(config::ServiceEnvPrefix(name) + "ADDR", ServiceAddress(name));
  }
  for (const std::string& name : ServiceNames()) StartService(name);
  for (auto& [name, value] : gateway_env) {
    auto it = std::find_if(env.begin(), env.end(), [&](const auto& e) { return e.first == name; });
    if (it != env.end()) {
      it->second = value;
    } else {
      env.emplace_back(name, value);
    }
  }
  gateway_ = std::make_unique<ChildProcess>(GatewayBinary(), std::vector<std::string>{}, env,
                                            dir_ + "/gateway.log");
  if (!WaitReady(20s)) {
    std::string logs = "system not ready; gateway log:\n" + gateway_->LogTail();
    for (auto& [name, s] : services_) logs += "\n" + name + " log:\n" + s.process->LogTail();
    throw std::runtime_error(logs);
  }
}

std::string System::MailDir() const {
  const char* shared = std::getenv("IRIS_TEST_MAIL_DIR");
  return shared != nullptr && *shared != '\0' ? shared : dir_ + "/mail";
}

System::~System() {
  if (gateway_) gateway_->Signal(SIGTERM);
  for (auto& [name, s] : services_) {
    if (s.process) s.process->Signal(SIGTERM);
  }
  if (gateway_) gateway_->Wait(10s);
  for (auto& [name, s] : services_) {
    if (s.process) s.process->Wait(10s);
  }
}

void System::StartService(const std::string& name) { StartService(name, {}); }

void System::StartService(const std::string& name,
                          const std::vector<std::pair<std::string, std::string>>& extra_env) {
  Service& s = services_.at(name);
  const std::string p = config::ServiceEnvPrefix(name);
  std::vector<std::pair<std::string, std::string>> env = {
      {p + "DATABASE_URL",
       RequireEnv((config::ServiceEnvPrefix("test_" + name) + "DATABASE_URL").c_str())},
      {p + "GRPC_PORT", std::to_string(s.grpc_port)},
      {p + "METRICS_PORT", std::to_string(s.metrics_port)},
      {"IRIS_DRAIN_TIMEOUT_MS", "3000"},
      {"IRIS_CALLER_VERIFY_KEYS", caller_keys_.public_key},
      // Notifications: mail as files here, webhooks to receivers on loopback, relays and
      // workers quick enough for tests that wait on them. Systems running at once share the
      // test database, so any one's workers may send another's mail and webhooks: what
      // shapes their work (retry schedule, reminder lead) must be the same in every System.
      {"IRIS_MAIL_DIR", MailDir()},
      {"IRIS_WEBHOOK_SECRET_KEY", kWebhookSecretKey},
      {"IRIS_WEBHOOK_ALLOW_CIDRS", "127.0.0.0/8"},
      // Every System shares the test databases, so any of them may send a delivery: all retry
      // alike, after 1 s (five attempts, then dead letter), whichever sends it.
      {"IRIS_WEBHOOK_RETRY_SCHEDULE", "1s,1s,1s,1s"},
      {"IRIS_NOTIFICATIONS_POLL_MS", "100"},
      // A relay that found notifications down (not serving yet, or killed by a test) tries
      // again within 2 s rather than backing off to its default 30 s.
      {"IRIS_RELAY_MAX_BACKOFF_MS", "2000"}};
  for (const auto& [other, o] : services_) {
    env.emplace_back(config::ServiceEnvPrefix(other) + "ADDR", ServiceAddress(other));
  }
  const std::vector<std::pair<std::string, std::string>>& all_services = service_env_;
  for (const auto* extra : {&all_services, &extra_env}) {
    for (const auto& [key, value] : *extra) {
      auto it = std::find_if(env.begin(), env.end(), [&](const auto& e) { return e.first == key; });
      if (it != env.end()) {
        it->second = value;
      } else {
        env.emplace_back(key, value);
      }
    }
  }
  if (name == "membership") {
    env.emplace_back("IRIS_ADMIN_EMAIL", kAdminEmail);
    env.emplace_back("IRIS_ADMIN_PASSWORD", kAdminPassword);
  }
  s.process = std::make_unique<ChildProcess>(ServiceBinary(name), std::vector<std::string>{}, env,
                                             dir_ + "/" + name + ".log");
}

void System::KillService(const std::string& name) {
  ChildProcess& p = service(name);
  p.Signal(SIGKILL);
  p.Wait(5s);
}

bool System::WaitReady(std::chrono::milliseconds timeout) const {
  return Eventually(
      [&] {
        const HttpResult r = HttpRequest("GET", Url("/readyz"), "", {}, 1s);
        if (r.status != 200) return false;
        const auto body = nlohmann::json::parse(r.body, nullptr, false);
        if (body.is_discarded() || !body.contains("checks")) return false;
        for (const auto& [name, s] : services_) {
          if (body["checks"].value(name, "") != "up") return false;
        }
        return true;
      },
      timeout, 100ms);
}

std::string System::Url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(http_port_) + path;
}

std::string System::MetricsUrl() const {
  return "http://127.0.0.1:" + std::to_string(metrics_port_) + "/metrics";
}

}  // namespace iris::testing
