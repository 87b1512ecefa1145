// Redis client over hiredis: a small thread-safe connection pool with timeouts and Status results.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

struct redisContext;

namespace iris::redis {

struct RedisConfig {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::chrono::milliseconds connect_timeout{200};
  std::chrono::milliseconds command_timeout{200};
  int pool_size = 8;
};

// An owned copy of a hiredis reply.
struct RedisReply {
  enum class Type { kNil, kString, kStatus, kInteger, kArray, kError };
  Type type = Type::kNil;
  long long integer = 0;             // kInteger
  std::string str;                   // kString (binary safe), kStatus, kError
  std::vector<RedisReply> elements;  // kArray; an element may be kError (e.g. inside EXEC)
};

// Callers are expected to fail open: every connection problem is UNAVAILABLE, and is reported
// fast while Redis is down (a failed connect is not retried for kReconnectBackoff).
class Redis {
 public:
  explicit Redis(RedisConfig cfg);  // connects lazily; never throws
  ~Redis();
  Redis(const Redis&) = delete;
  Redis& operator=(const Redis&) = delete;

  // Sends argv as one command (binary safe). Connection, I/O and timeout failures are
  // UNAVAILABLE and drop the connection; an error reply is UNAVAILABLE when Redis says it cannot
  // serve now (LOADING, READONLY, OOM, ...) and INTERNAL otherwise (a wrong command is our bug).
  absl::StatusOr<RedisReply> Command(const std::vector<std::string>& argv);

  absl::Status Ping();

  static constexpr std::chrono::milliseconds kReconnectBackoff{500};

 private:
  struct ContextFree {
    void operator()(redisContext* c) const;
  };
  using Context = std::unique_ptr<redisContext, ContextFree>;

  absl::StatusOr<Context> Acquire();
  void Release(Context c, bool healthy);
  absl::StatusOr<Context> Connect();

  const RedisConfig cfg_;
  std::mutex mu_;
  std::condition_variable released_;
  std::vector<Context> idle_;                                // guarded by mu_
  int open_ = 0;                                             // idle + leased; guarded by mu_
  std::chrono::steady_clock::time_point next_connect_at_{};  // guarded by mu_
};

}  // namespace iris::redis
