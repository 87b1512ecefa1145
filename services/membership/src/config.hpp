// Settings of the membership process, read once in main() from IRIS_* variables.
#pragma once

#include <algorithm>
#include <string>

#include "libs/config/env.hpp"
#include "libs/db/pool.hpp"
#include "libs/grpc/server.hpp"

namespace iris::membership {

struct Config {
  iris::db::PoolConfig database;
  iris::grpc::ServerConfig server;
  bool migrate_on_start = true;
  std::string log_level;
  // First network admin, created at startup when none exists (both or neither).
  std::string admin_email;
  std::string admin_password;

  static Config Load(iris::config::Env& env) {
    Config c;
    c.database.url = env.String("IRIS_MEMBERSHIP_DATABASE_URL",
                                "postgresql://iris_membership:iris_membership@127.0.0.1:55432/iris");
    c.database.size = env.Int("IRIS_MEMBERSHIP_DB_POOL_SIZE", 8, 1, 256);
    c.server.service = "membership";
    c.server.host = env.String("IRIS_LISTEN_HOST", "127.0.0.1");
    c.server.port = env.Port("IRIS_MEMBERSHIP_GRPC_PORT", 50051);
    c.server.metrics_port = env.Port("IRIS_MEMBERSHIP_METRICS_PORT", 9465);
    c.server.min_threads = env.Int("IRIS_MEMBERSHIP_GRPC_MIN_THREADS", 2, 1, 1024);
    c.server.max_threads =
        std::max(c.server.min_threads, env.Int("IRIS_MEMBERSHIP_GRPC_MAX_THREADS", 32, 1, 1024));
    c.server.drain_timeout = env.Millis("IRIS_DRAIN_TIMEOUT_MS", std::chrono::milliseconds(10000),
                                        std::chrono::milliseconds(0),
                                        std::chrono::milliseconds(120000));
    c.migrate_on_start = env.Bool("IRIS_MIGRATE_ON_START", true);
    c.log_level = env.String("IRIS_LOG_LEVEL", "info");
    c.admin_email = env.String("IRIS_ADMIN_EMAIL", "");
    c.admin_password = env.String("IRIS_ADMIN_PASSWORD", "");
    return c;
  }
};

}  // namespace iris::membership
