// Stops and restarts the Postgres and Redis that scripts/test.sh started, with its settings.
#pragma once

#include <string>

namespace iris::testing {

// pg_ctl stop -m fast / start on IRIS_TEST_PG_DATA (as IRIS_TEST_PG_OWNER when set); each
// waits until the server is down / accepts connections. False (with the reason in `error`)
// when pg_ctl failed.
bool StopPostgres(std::string* error);
// pg_ctl stop -m immediate: no shutdown checkpoint, every backend cut off at once, as a crash
// or a lost machine would; the next start runs crash recovery.
bool StopPostgresImmediately(std::string* error);
bool StartPostgres(std::string* error);

// SHUTDOWN NOSAVE / redis-server IRIS_TEST_REDIS_CONF, daemonized so it outlives the test
// (scripts/test.sh stops it through its pidfile). Each waits until Redis is gone / answers.
bool StopRedis(std::string* error);
bool StartRedis(std::string* error);

// Brings back whatever a failed test left stopped, so later tests find their dependencies.
void EnsureDependenciesUp();

}  // namespace iris::testing
