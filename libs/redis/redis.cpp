#include "libs/redis/redis.hpp"

#include <sys/time.h>

#include <array>
#include <string_view>
#include <utility>

#include <hiredis/hiredis.h>
#include <spdlog/spdlog.h>

namespace iris::redis {
namespace {

timeval ToTimeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

RedisReply Copy(const redisReply& r) {
  RedisReply out;
  switch (r.type) {
    case REDIS_REPLY_STRING:
      out.type = RedisReply::Type::kString;
      out.str.assign(r.str, r.len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = RedisReply::Type::kStatus;
      out.str.assign(r.str, r.len);
      break;
    case REDIS_REPLY_ERROR:
      out.type = RedisReply::Type::kError;
      out.str.assign(r.str, r.len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = RedisReply::Type::kInteger;
      out.integer = r.integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = RedisReply::Type::kArray;
      out.elements.reserve(r.elements);
      for (size_t i = 0; i < r.elements; ++i) out.elements.push_back(Copy(*r.element[i]));
      break;
    default: out.type = RedisReply::Type::kNil; break;
  }
  return out;
}

// Error replies Redis gives when it cannot serve right now, as opposed to a malformed command.
bool IsTransient(std::string_view error) {
  static constexpr std::array<std::string_view, 7> kPrefixes = {
      "LOADING", "READONLY", "MASTERDOWN", "BUSY", "OOM", "TRYAGAIN", "CLUSTERDOWN"};
  for (std::string_view p : kPrefixes) {
    if (error.starts_with(p)) return true;
  }
  return false;
}

}  // namespace

void Redis::ContextFree::operator()(redisContext* c) const { redisFree(c); }

Redis::Redis(RedisConfig cfg) : cfg_(std::move(cfg)) {}

Redis::~Redis() = default;

absl::Status Redis::Ping() {
  auto reply = Command({"PING"});
  if (!reply.ok()) return reply.status();
  if (reply->type != RedisReply::Type::kStatus || reply->str != "PONG") {
    return absl::InternalError("redis: unexpected PING reply");
  }
  return absl::OkStatus();
}

absl::StatusOr<RedisReply> Redis::Command(const std::vector<std::string>& argv) {
  if (argv.empty()) return absl::InvalidArgumentError("redis: empty command");
  auto conn = Acquire();
  if (!conn.ok()) return conn.status();

  std::vector<const char*> args;
  std::vector<size_t> lens;
  args.reserve(argv.size());
  lens.reserve(argv.size());
  for (const std::string& a : argv) {
    args.push_back(a.data());
    lens.push_back(a.size());
  }
  auto* raw = static_cast<redisReply*>(
      redisCommandArgv(conn->get(), static_cast<int>(args.size()), args.data(), lens.data()));
  if (raw == nullptr) {
    // I/O error, EOF or timeout: the stream is out of step, so the connection must go.
    spdlog::warn("redis {}:{}: {} failed: {}", cfg_.host, cfg_.port, argv[0], (*conn)->errstr);
    Release(*std::move(conn), false);
    return absl::UnavailableError("redis unavailable");
  }
  std::unique_ptr<redisReply, void (*)(void*)> owned(raw, freeReplyObject);
  Release(*std::move(conn), true);

  RedisReply reply = Copy(*owned);
  if (reply.type == RedisReply::Type::kError) {
    if (IsTransient(reply.str)) return absl::UnavailableError("redis unavailable: " + reply.str);
    spdlog::error("redis {}: {}", argv[0], reply.str);
    return absl::InternalError("redis error: " + reply.str);
  }
  return reply;
}

absl::StatusOr<Redis::Context> Redis::Acquire() {
  {
    std::unique_lock lock(mu_);
    auto can_proceed = [&] { return !idle_.empty() || open_ < cfg_.pool_size; };
    if (!released_.wait_for(lock, cfg_.command_timeout, can_proceed)) {
      return absl::UnavailableError("redis unavailable: connection pool exhausted");
    }
    if (!idle_.empty()) {
      Context c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    if (std::chrono::steady_clock::now() < next_connect_at_) {
      return absl::UnavailableError("redis unavailable");
    }
    ++open_;
  }
  auto conn = Connect();
  if (!conn.ok()) {
    {
      std::lock_guard lock(mu_);
      --open_;
      next_connect_at_ = std::chrono::steady_clock::now() + kReconnectBackoff;
    }
    released_.notify_one();
  }
  return conn;
}

void Redis::Release(Context c, bool healthy) {
  std::vector<Context> stale;  // freed outside the lock
  {
    std::lock_guard lock(mu_);
    if (healthy) {
      idle_.push_back(std::move(c));
    } else {
      // Idle connections to a server that just failed one are most likely dead too.
      stale.swap(idle_);
      open_ -= 1 + static_cast<int>(stale.size());
      stale.push_back(std::move(c));
    }
  }
  released_.notify_all();
}

absl::StatusOr<Redis::Context> Redis::Connect() {
  Context c(redisConnectWithTimeout(cfg_.host.c_str(), cfg_.port, ToTimeval(cfg_.connect_timeout)));
  if (c == nullptr || c->err != 0) {
    spdlog::warn("redis {}:{}: connect failed: {}", cfg_.host, cfg_.port,
                 c == nullptr ? "out of memory" : c->errstr);
    return absl::UnavailableError("redis unavailable");
  }
  if (redisSetTimeout(c.get(), ToTimeval(cfg_.command_timeout)) != REDIS_OK ||
      redisEnableKeepAlive(c.get()) != REDIS_OK) {
    spdlog::warn("redis {}:{}: setting socket options failed: {}", cfg_.host, cfg_.port, c->errstr);
    return absl::UnavailableError("redis unavailable");
  }
  return c;
}

}  // namespace iris::redis
