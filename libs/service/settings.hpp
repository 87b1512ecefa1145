// The settings every service reads, by one loader, from IRIS_<SERVICE>_* and shared IRIS_*
// variables, so a new service adds no configuration code of its own for them.
#pragma once

#include <string>

#include "libs/config/env.hpp"
#include "libs/db/pool.hpp"
#include "libs/grpc/server.hpp"
#include "libs/relay/relay.hpp"

namespace iris::service {

// What a service declares about itself; main.cpp holds one.
struct Identity {
  std::string name;      // "membership": schema, role iris_<name>, IRIS_<NAME>_*, log, metrics
  int grpc_port = 0;     // default of IRIS_<NAME>_GRPC_PORT
  int metrics_port = 0;  // default of IRIS_<NAME>_METRICS_PORT
};

struct Settings {
  iris::db::PoolConfig database;
  iris::grpc::ServerConfig server;
  bool migrate_on_start = true;
  std::string log_level;
  // IRIS_CALLER_VERIFY_KEYS: the gateway's public keys (libs/grpc/caller_assertion.hpp);
  // required to serve.
  std::string caller_verify_keys;
  // The outbox relay the runner starts (libs/relay).
  iris::relay::Config relay;
};

// Reads, for service S with prefix IRIS_S_:
//   IRIS_S_DATABASE_URL (default postgresql://iris_s:iris_s@127.0.0.1:15432/iris, the role and
//   password scripts/sql/provision.sql gives each service locally), IRIS_S_DB_POOL_SIZE (8),
//   IRIS_S_GRPC_PORT, IRIS_S_METRICS_PORT (the identity's defaults), IRIS_S_GRPC_MIN_THREADS
//   (2), IRIS_S_GRPC_MAX_THREADS (32, at least the minimum), and the shared IRIS_LISTEN_HOST,
//   IRIS_DRAIN_TIMEOUT_MS, IRIS_MIGRATE_ON_START, IRIS_LOG_LEVEL; the relay's
//   IRIS_NOTIFICATIONS_ADDR (127.0.0.1:50055), IRIS_RELAY_ENABLED (true), IRIS_RELAY_BATCH (100,
//   1..500), IRIS_RELAY_POLL_MS (1000), IRIS_RELAY_MAX_BACKOFF_MS (30000) and the test hook
//   IRIS_RELAY_FAULT ("" or exit_after_publish; relay.hpp).
// Bad values are recorded in `env` (Env::Finish reports them all at once).
Settings LoadSettings(iris::config::Env& env, const Identity& id);

}  // namespace iris::service
