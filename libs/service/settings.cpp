#include "libs/service/settings.hpp"

#include <algorithm>

namespace iris::service {

Settings LoadSettings(iris::config::Env& env, const Identity& id) {
  using std::chrono::milliseconds;
  const std::string p = iris::config::ServiceEnvPrefix(id.name);
  const std::string role = "iris_" + id.name;  // the name is [a-z][a-z_]* (IsServiceName)
  Settings s;
  s.database.url =
      env.String(p + "DATABASE_URL", "postgresql://" + role + ":" + role + "@127.0.0.1:15432/iris");
  s.database.size = env.Int(p + "DB_POOL_SIZE", 8, 1, 256);
  s.database.application_name = "iris-" + id.name;
  s.server.service = id.name;
  s.server.host = env.String("IRIS_LISTEN_HOST", "127.0.0.1");
  s.server.port = env.Port(p + "GRPC_PORT", id.grpc_port);
  s.server.metrics_port = env.Port(p + "METRICS_PORT", id.metrics_port);
  s.server.min_threads = env.Int(p + "GRPC_MIN_THREADS", 2, 1, 1024);
  s.server.max_threads =
      std::max(s.server.min_threads, env.Int(p + "GRPC_MAX_THREADS", 32, 1, 1024));
  s.server.drain_timeout = env.Millis("IRIS_DRAIN_TIMEOUT_MS", milliseconds(10000), milliseconds(0),
                                      milliseconds(120000));
  s.migrate_on_start = env.Bool("IRIS_MIGRATE_ON_START", true);
  s.log_level = env.String("IRIS_LOG_LEVEL", "info");
  s.caller_verify_keys = env.String("IRIS_CALLER_VERIFY_KEYS", "");
  // The same variable the gateway reads to reach notifications (IRIS_<NAME>_ADDR).
  s.relay.notifications_addr =
      env.String(iris::config::ServiceEnvPrefix("notifications") + "ADDR", "127.0.0.1:50055");
  s.relay.enabled = env.Bool("IRIS_RELAY_ENABLED", true);
  s.relay.batch = env.Int("IRIS_RELAY_BATCH", 100, 1, 500);  // Publish takes at most 500
  s.relay.poll =
      env.Millis("IRIS_RELAY_POLL_MS", milliseconds(1000), milliseconds(10), milliseconds(600000));
  s.relay.max_backoff = env.Millis("IRIS_RELAY_MAX_BACKOFF_MS", milliseconds(30000),
                                   milliseconds(100), milliseconds(3600000));
  // A test hook only (tests/faults/relay_crash_fault_test.cpp); nothing else reads it.
  s.relay.exit_after_publish =
      env.OneOf("IRIS_RELAY_FAULT", "", {"exit_after_publish"}) == "exit_after_publish";
  return s;
}

}  // namespace iris::service
