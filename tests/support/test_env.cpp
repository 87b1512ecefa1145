#include "tests/support/test_env.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <random>

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
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace iris::testing
