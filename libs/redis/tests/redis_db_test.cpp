#include "libs/redis/redis.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

namespace iris::redis {
namespace {

using ::testing::HasSubstr;
using Clock = std::chrono::steady_clock;
using Type = RedisReply::Type;

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

bool Accepts(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// A private redis-server on a free port, without persistence.
class RedisServer {
 public:
  RedisServer() : port_(FreePort()) { Start(); }
  ~RedisServer() { Stop(); }

  int port() const { return port_; }

  void Start() {
    const std::string port = std::to_string(port_);
    pid_ = fork();
    if (pid_ == 0) {
      int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, STDOUT_FILENO);
      dup2(devnull, STDERR_FILENO);
      execl("/usr/bin/redis-server", "redis-server", "--save", "", "--appendonly", "no", "--port",
            port.c_str(), "--bind", "127.0.0.1", static_cast<char*>(nullptr));
      _exit(127);
    }
    ASSERT_GT(pid_, 0) << "fork failed";
    auto deadline = Clock::now() + std::chrono::seconds(5);
    while (!Accepts(port_) && Clock::now() < deadline) std::this_thread::yield();
    ASSERT_TRUE(Accepts(port_)) << "redis-server did not start on port " << port_;
  }

  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  int port_;
  pid_t pid_ = -1;
};

class RedisDbTest : public ::testing::Test {
 protected:
  RedisConfig Config() const { return {.host = "127.0.0.1", .port = server_.port()}; }

  RedisServer server_;
};

TEST_F(RedisDbTest, GetReturnsWhatSetStored) {
  Redis redis(Config());
  auto set = redis.Command({"SET", "greeting", "zdravo"});
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(set->type, Type::kStatus);
  EXPECT_EQ(set->str, "OK");

  auto get = redis.Command({"GET", "greeting"});
  ASSERT_TRUE(get.ok()) << get.status();
  EXPECT_EQ(get->type, Type::kString);
  EXPECT_EQ(get->str, "zdravo");

  auto missing = redis.Command({"GET", "nobody"});
  ASSERT_TRUE(missing.ok()) << missing.status();
  EXPECT_EQ(missing->type, Type::kNil);
}

TEST_F(RedisDbTest, IncrCountsAndExpireRemovesTheCounter) {
  Redis redis(Config());
  EXPECT_EQ(redis.Command({"INCR", "hits"})->integer, 1);
  EXPECT_EQ(redis.Command({"INCR", "hits"})->integer, 2);
  EXPECT_EQ(redis.Command({"PEXPIRE", "hits", "100"})->integer, 1);
  auto ttl = redis.Command({"PTTL", "hits"});
  ASSERT_TRUE(ttl.ok()) << ttl.status();
  EXPECT_GT(ttl->integer, 0);
  EXPECT_LE(ttl->integer, 100);

  auto deadline = Clock::now() + std::chrono::seconds(3);
  while (redis.Command({"EXISTS", "hits"})->integer == 1 && Clock::now() < deadline) {
    std::this_thread::yield();
  }
  EXPECT_EQ(redis.Command({"INCR", "hits"})->integer, 1);  // started over after expiry
}

TEST_F(RedisDbTest, BinaryKeysAndValuesRoundTrip) {
  Redis redis(Config());
  const std::string key("k\0ey", 4);
  const std::string value("a\0b\r\n\xff\x01 c", 9);
  ASSERT_TRUE(redis.Command({"SET", key, value}).ok());
  auto get = redis.Command({"GET", key});
  ASSERT_TRUE(get.ok()) << get.status();
  EXPECT_EQ(get->str, value);
  EXPECT_EQ(redis.Command({"GET", "k"})->type, Type::kNil);
}

TEST_F(RedisDbTest, ArrayRepliesAreCopiedWithTheirElements) {
  Redis redis(Config());
  ASSERT_TRUE(redis.Command({"RPUSH", "list", "one", "two"}).ok());
  auto range = redis.Command({"LRANGE", "list", "0", "-1"});
  ASSERT_TRUE(range.ok()) << range.status();
  ASSERT_EQ(range->type, Type::kArray);
  ASSERT_EQ(range->elements.size(), 2u);
  EXPECT_EQ(range->elements[1].str, "two");
}

TEST_F(RedisDbTest, ErrorReplyGivesInternalAndKeepsTheConnectionUsable) {
  Redis redis(Config());
  ASSERT_TRUE(redis.Command({"SET", "name", "ana"}).ok());
  auto incr = redis.Command({"INCR", "name"});
  EXPECT_EQ(incr.status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(std::string(incr.status().message()), HasSubstr("not an integer"));
  EXPECT_TRUE(redis.Ping().ok());
}

TEST_F(RedisDbTest, SlowCommandTimesOutWithUnavailable) {
  Redis redis(Config());
  auto start = Clock::now();
  auto blocked = redis.Command({"BLPOP", "empty", "5"});  // Redis would answer after 5 s
  EXPECT_EQ(blocked.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(1));
  EXPECT_TRUE(redis.Ping().ok());  // on a fresh connection
}

TEST_F(RedisDbTest, ConcurrentIncrementsAreAllCounted) {
  RedisConfig cfg = Config();
  cfg.pool_size = 3;
  cfg.command_timeout = std::chrono::milliseconds(2000);
  Redis redis(cfg);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        if (!redis.Command({"INCR", "shared"}).ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(redis.Command({"GET", "shared"})->str, "1600");
}

TEST_F(RedisDbTest, PingFailsFastWhileServerIsDownAndRecoversWhenItReturns) {
  Redis redis(Config());
  ASSERT_TRUE(redis.Ping().ok());

  server_.Stop();
  for (int i = 0; i < 3; ++i) {
    auto start = Clock::now();
    EXPECT_EQ(redis.Ping().code(), absl::StatusCode::kUnavailable);
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(1));
  }

  server_.Start();
  auto deadline = Clock::now() + std::chrono::seconds(3);
  absl::Status ping = redis.Ping();
  while (!ping.ok() && Clock::now() < deadline) ping = redis.Ping();
  EXPECT_TRUE(ping.ok()) << ping;
}

// Routes spdlog's default logger into a string for the test's lifetime.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_);
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink));
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  int Count(const std::string& needle) const {
    std::string text = out_.str();
    int n = 0;
    for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
      ++n;
    }
    return n;
  }

 private:
  std::ostringstream out_;
  std::shared_ptr<spdlog::logger> previous_;
};

TEST(RedisWithoutServerTest, WhileNothingListensFailsFastAndConnectsAtMostEveryHalfSecond) {
  Redis redis({.host = "127.0.0.1", .port = FreePort()});
  LogCapture log;
  auto start = Clock::now();
  int calls = 0;
  // 700 ms spans the first attempt and exactly one retry after the 500 ms backoff.
  while (Clock::now() - start < std::chrono::milliseconds(700)) {
    auto r = redis.Command({"GET", "k"});
    EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable);
    ++calls;
  }
  EXPECT_GT(calls, 100);
  EXPECT_EQ(log.Count("connect failed"), 2);
}

}  // namespace
}  // namespace iris::redis
