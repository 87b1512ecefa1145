#include "tests/support/test_env.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/file.h>
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

namespace {

// Whether `port` (0: any) can be bound on loopback now; the port bound, or 0.
int BindableLoopbackPort(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  int bound = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0) {
    socklen_t len = sizeof(addr);
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      bound = ntohs(addr.sin_port);
    }
  }
  ::close(fd);
  return bound;
}

constexpr int kBlockStart = 20000, kBlockSize = 32, kBlocks = 390;  // 20000..32479

// The first port of a block no other test process holds: blocks are claimed with flock(2) on a
// file per block, held until this process ends, starting from one chosen by the pid (two pids
// equal modulo kBlocks once shared a block). 0 when every block is held.
int ClaimPortBlock() {
  const int first = static_cast<int>(::getpid() % kBlocks);
  for (int i = 0; i < kBlocks; ++i) {
    const int block = (first + i) % kBlocks;
    const std::string file = "/tmp/iris-test-ports-" + std::to_string(block) + ".lock";
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) continue;
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return kBlockStart + block * kBlockSize;  // fd kept
    ::close(fd);
  }
  return 0;
}

}  // namespace

int FreePort() {
  // A port is chosen here and bound later by a child process, so another process may take it
  // in between. Within this process: never return a port twice (the kernel hands a closed
  // ephemeral port out again; a System once got one port twice). Across the test processes
  // ctest runs at once: each first takes ports from a block of its own below the ephemeral
  // range (32768+), claimed with a lock (ClaimPortBlock), where neither the kernel's ephemeral
  // choices nor another test process's blocks land (a System's service once failed to bind a
  // port another process had been given). When its block is used up, the kernel chooses.
  static std::mutex mu;
  static std::set<int> given;
  std::lock_guard lock(mu);
  static const int block = ClaimPortBlock();
  for (int port = block; block != 0 && port < block + kBlockSize; ++port) {
    if (given.count(port) == 0 && BindableLoopbackPort(port) == port) {
      given.insert(port);
      return port;
    }
  }
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int port = BindableLoopbackPort(0);
    if (port != 0 && given.insert(port).second) return port;
  }
  return 0;  // unreachable in practice: 100 repeats of ports already given
}

}  // namespace iris::testing
