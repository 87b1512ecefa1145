// Settings of the gateway process, read once in main() from IRIS_* variables.
#pragma once

#include <algorithm>
#include <chrono>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "libs/config/env.hpp"
#include "libs/redis/redis.hpp"
#include "services/gateway/http/server.hpp"
#include "services/gateway/routes/route_table.hpp"

namespace iris::gateway {

struct Config {
  http::ServerOptions http;
  std::string metrics_address;
  // name -> host:port of each registered service (IRIS_<NAME>_ADDR).
  std::vector<std::pair<std::string, std::string>> upstream_addresses;
  std::chrono::milliseconds upstream_deadline{2000};
  // The deadline of one file upload or download call (IRIS_FILE_TRANSFER_TIMEOUT_MS).
  std::chrono::milliseconds file_transfer_timeout{600000};
  std::chrono::milliseconds drain_timeout{10000};
  // Origins whose pages may call the API (IRIS_CORS_ORIGINS: "", "*" or a comma-separated list).
  std::string cors_origins;
  // Requests a minute per account and per anonymous address (0: unlimited).
  int rate_limit_per_minute = 1200;
  int rate_limit_anonymous_per_minute = 1200;
  // Anonymous registrations for public events an hour per address (0: no limit of their own).
  int anonymous_registrations_per_hour = 10;
  iris::redis::RedisConfig redis;
  std::string cursor_secret;
  // Access tokens: HS256 key (random per process when unset), its key id, earlier keys still
  // accepted during a rotation ("kid:secret,..."), lifetime.
  std::string jwt_secret;
  std::string jwt_kid;
  // Ed25519 seed (base64url) signing the caller assertions services trust (libs/grpc).
  std::string caller_signing_key;
  bool access_log = true;  // one JSON line per request (needs IRIS_LOG_LEVEL info or lower)
  std::string jwt_previous_keys;
  int jwt_ttl_seconds = 900;
  std::string log_level;
  // The interactive docs page's files (GET /docs); empty: none. scripts/run.sh installs them
  // with npm into services/gateway/docs_page and points this there.
  std::string docs_dir;

  static Config Load(iris::config::Env& env) {
    using std::chrono::milliseconds;
    Config c;
    c.http.host = env.String("IRIS_HTTP_HOST", "0.0.0.0");
    c.http.port = env.Port("IRIS_HTTP_PORT", 8080);
    c.http.io_threads = env.Int("IRIS_HTTP_THREADS", 2, 1, 64);
    c.http.workers = env.Int("IRIS_HTTP_WORKERS", 32, 1, 1024);
    c.http.pin_threads =
        http::PinModeOf(env.OneOf("IRIS_HTTP_PIN_THREADS", "auto", {"auto", "on", "off"}));
    c.http.max_body_bytes =
        static_cast<size_t>(env.Int("IRIS_MAX_BODY_BYTES", 1 << 20, 1024, 64 << 20));
    // File uploads (Body::kStream routes): their Content-Length limit, checked before any byte
    // of the body is read; the body itself is streamed, never held whole.
    c.http.max_upload_bytes = static_cast<size_t>(
        env.Int("IRIS_MAX_UPLOAD_BYTES", 52428800, 1, std::numeric_limits<int>::max()));
    c.http.head_limits.request_line =
        static_cast<size_t>(env.Int("IRIS_MAX_REQUEST_LINE_BYTES", 8 * 1024, 256, 1 << 20));
    c.http.head_limits.header_line =
        static_cast<size_t>(env.Int("IRIS_MAX_HEADER_LINE_BYTES", 8 * 1024, 256, 1 << 20));
    c.http.head_limits.header_count =
        static_cast<size_t>(env.Int("IRIS_MAX_HEADERS", 100, 10, 10000));
    c.http.head_limits.headers =
        static_cast<size_t>(env.Int("IRIS_MAX_HEADERS_BYTES", 32 * 1024, 1024, 1 << 22));
    // Slow or silent clients (issue 14): a head must arrive within the header timeout and a
    // body within the body timeout (408 and close), an idle keep-alive connection closes after
    // the keep-alive timeout, and one address holds at most so many connections (429).
    c.http.header_timeout =
        std::chrono::seconds(env.Int("IRIS_HTTP_HEADER_TIMEOUT_SECONDS", 10, 1, 300));
    c.http.body_timeout =
        std::chrono::seconds(env.Int("IRIS_HTTP_BODY_TIMEOUT_SECONDS", 30, 1, 3600));
    c.http.keepalive_timeout =
        std::chrono::seconds(env.Int("IRIS_HTTP_KEEPALIVE_TIMEOUT_SECONDS", 75, 1, 3600));
    c.http.max_connections_per_address =
        static_cast<size_t>(env.Int("IRIS_MAX_CONNECTIONS_PER_ADDRESS", 256, 0, 1 << 20));
    // File transfers hold a worker each for as long as the client takes (up to
    // IRIS_FILE_TRANSFER_TIMEOUT_MS): a quarter of the workers at most by default, so JSON
    // requests keep the rest; and a few per address, so one client cannot take them all (0: no
    // cap; behind a proxy every client shares its address, as for the connection cap).
    c.http.max_transfers = static_cast<size_t>(
        env.Int("IRIS_MAX_TRANSFERS", std::max(2, c.http.workers / 4), 0, 1024));
    c.http.max_transfers_per_address =
        static_cast<size_t>(env.Int("IRIS_MAX_TRANSFERS_PER_ADDRESS", 4, 0, 1024));
    c.metrics_address = env.String("IRIS_METRICS_HOST", "0.0.0.0") + ":" +
                        std::to_string(env.Port("IRIS_METRICS_PORT", 9464));
    for (const auto& service : RegisteredServices()) {
      c.upstream_addresses.emplace_back(
          service.name, env.String(iris::config::ServiceEnvPrefix(service.name) + "ADDR",
                                   service.default_address));
    }
    c.upstream_deadline = env.Millis("IRIS_UPSTREAM_DEADLINE_MS", milliseconds(2000),
                                     milliseconds(50), milliseconds(60000));
    c.file_transfer_timeout = env.Millis("IRIS_FILE_TRANSFER_TIMEOUT_MS", milliseconds(600000),
                                         milliseconds(1000), milliseconds(3600000));
    c.drain_timeout = env.Millis("IRIS_DRAIN_TIMEOUT_MS", milliseconds(10000), milliseconds(0),
                                 milliseconds(120000));
    c.redis.host = env.String("IRIS_REDIS_HOST", "127.0.0.1");
    c.redis.port = env.Port("IRIS_REDIS_PORT", 16379);
    // A connection per worker by default: every counted request asks Redis (rate limits), and
    // with fewer connections than workers the rest queued for one (issue 13's profile: a third
    // of the gateway's waits on a single-row read at 32 connections were for a connection).
    c.redis.pool_size = env.Int("IRIS_REDIS_POOL_SIZE", c.http.workers, 1, 1024);
    c.cursor_secret = env.String("IRIS_CURSOR_SECRET", "");
    c.jwt_secret = env.String("IRIS_JWT_SECRET", "");
    c.caller_signing_key = env.String("IRIS_CALLER_SIGNING_KEY", "");
    c.jwt_kid = env.String("IRIS_JWT_KID", "k1");
    c.jwt_previous_keys = env.String("IRIS_JWT_PREVIOUS_KEYS", "");
    c.jwt_ttl_seconds = env.Int("IRIS_JWT_TTL_SECONDS", 900, 60, 86400);
    c.log_level = env.String("IRIS_LOG_LEVEL", "info");
    c.access_log = env.Bool("IRIS_ACCESS_LOG", true);
    c.docs_dir = env.String("IRIS_DOCS_DIR", "");
    c.cors_origins = env.String("IRIS_CORS_ORIGINS", "");
    c.rate_limit_per_minute = env.Int("IRIS_RATE_LIMIT_PER_MINUTE", 1200, 0, 1 << 30);
    c.rate_limit_anonymous_per_minute =
        env.Int("IRIS_RATE_LIMIT_ANONYMOUS_PER_MINUTE", 1200, 0, 1 << 30);
    c.anonymous_registrations_per_hour =
        env.Int("IRIS_ANONYMOUS_REGISTRATIONS_PER_HOUR", 10, 0, 1 << 30);
    return c;
  }
};

}  // namespace iris::gateway
