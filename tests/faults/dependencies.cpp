#include "tests/faults/dependencies.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

#include "tests/support/process.hpp"
#include "tests/support/test_env.hpp"

namespace iris::testing {
namespace {

using namespace std::chrono_literals;

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// Runs `command` under sh with no inherited stdio (a daemon holding ctest's output pipe would
// keep ctest waiting), bounded by `timeout`.
bool Shell(const std::string& command, std::string* error) {
  const std::string line =
      "cd / && timeout 90 sh -c " + Quote(command) + " </dev/null >/dev/null 2>&1";
  const int rc = std::system(line.c_str());
  if (rc == 0) return true;
  if (error != nullptr) *error = "failed (" + std::to_string(rc) + "): " + command;
  return false;
}

std::string PgCtl(const std::string& action) {
  const char* owner = std::getenv("IRIS_TEST_PG_OWNER");
  std::string prefix;
  if (owner != nullptr && *owner != '\0' && ::geteuid() == 0) {
    prefix = "runuser -u " + Quote(owner) + " -- ";
  }
  const std::string pg_ctl = RequireEnv("IRIS_TEST_PG_BIN") + "/pg_ctl";
  return prefix + "setsid -w " + Quote(pg_ctl) + " " + action + " -D " +
         Quote(RequireEnv("IRIS_TEST_PG_DATA"));
}

std::string RedisCli(const std::string& command) {
  return "redis-cli -h 127.0.0.1 -p " + Quote(RequireEnv("IRIS_TEST_REDIS_PORT")) + " " + command;
}

bool PortOpen(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool open = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  ::close(fd);
  return open;
}

bool RedisAnswers() { return Shell(RedisCli("ping") + " | grep -q PONG", nullptr); }
bool PostgresRunning() { return Shell(PgCtl("status"), nullptr); }

}  // namespace

bool StopPostgres(std::string* error) { return Shell(PgCtl("stop") + " -m fast -w -t 60", error); }

bool StopPostgresImmediately(std::string* error) {
  return Shell(PgCtl("stop") + " -m immediate -w -t 60", error);
}

bool StartPostgres(std::string* error) {
  return Shell(PgCtl("start") + " -l " + Quote(RequireEnv("IRIS_TEST_PG_LOG")) + " -w -t 60",
               error);
}

bool StopRedis(std::string* error) {
  // SHUTDOWN closes the connection instead of answering, so redis-cli's status says nothing.
  Shell(RedisCli("shutdown nosave"), nullptr);
  // Gone only when the port is free: a new server started earlier could not bind it.
  const int port = std::stoi(RequireEnv("IRIS_TEST_REDIS_PORT"));
  if (Eventually([&] { return !PortOpen(port); }, 10s, 50ms)) return true;
  if (error != nullptr) *error = "Redis still answers after SHUTDOWN NOSAVE";
  return false;
}

bool StartRedis(std::string* error) {
  const std::string conf = RequireEnv("IRIS_TEST_REDIS_CONF");
  const std::string log = conf.substr(0, conf.rfind('/') + 1) + "restarted.log";
  if (!Shell("redis-server " + Quote(conf) + " --daemonize yes --logfile " + Quote(log), error)) {
    return false;
  }
  if (Eventually(RedisAnswers, 10s, 50ms)) return true;
  if (error != nullptr) *error = "Redis did not answer PING after starting (log: " + log + ")";
  return false;
}

void EnsureDependenciesUp() {
  std::string ignored;
  if (!PostgresRunning()) StartPostgres(&ignored);
  if (!RedisAnswers()) StartRedis(&ignored);
}

}  // namespace iris::testing
