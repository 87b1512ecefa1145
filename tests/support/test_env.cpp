#include "tests/support/test_env.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <random>
#include <set>

namespace iris::testing {

std::string RequireEnv(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') {
    std::fprintf(stderr, "%s is not set: run the tests through scripts/test.sh\n", name);
    std::abort();
  }
  return v;
}

std::string AdminDatabaseUrl() { return RequireEnv("IRIS_TEST_DATABASE_URL"); }
std::string MembershipDatabaseUrl() { return RequireEnv("IRIS_TEST_MEMBERSHIP_DATABASE_URL"); }

std::string UniqueName(const std::string& prefix) {
  static std::mt19937_64 rng(std::random_device{}() ^ static_cast<uint64_t>(::getpid()));
  return prefix + " " + std::to_string(rng() % 1000000000000ULL);
}

int FreePort() {
  // The kernel may hand the same ephemeral port out again once it is closed: a System that
  // asks for four ports in a row once got one twice (membership's gRPC port and the gateway's
  // metrics port), and membership could not listen. Never return a port twice in a process.
  static std::mutex mu;
  static std::set<int> given;
  std::lock_guard lock(mu);
  for (int attempt = 0; attempt < 100; ++attempt) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    socklen_t len = sizeof(addr);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    const int port = ntohs(addr.sin_port);
    if (given.insert(port).second) return port;
  }
  return 0;  // unreachable in practice: 100 repeats of ports already given
}

}  // namespace iris::testing
