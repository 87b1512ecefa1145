// The gateway: the only HTTP entry. Composes clients, routes, middleware and the HTTP adapter.
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include <openssl/rand.h>

#include "gateway_openapi_json.hpp"
#include "libs/grpc/caller_assertion.hpp"
#include "libs/grpc/process.hpp"
#include "libs/grpc/server.hpp"
#include "libs/log/log.hpp"
#include "libs/metrics/metrics.hpp"
#include "libs/redis/redis.hpp"
#include "services/gateway/clients/upstream.hpp"
#include "services/gateway/http/server.hpp"
#include "services/gateway/middleware/auth.hpp"
#include "services/gateway/middleware/auth_login_limiter.hpp"
#include "services/gateway/middleware/chain.hpp"
#include "services/gateway/middleware/readiness.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/src/config.hpp"

namespace {

// IRIS_JWT_SECRET, or a random key for this process only (with a warning).
iris::gateway::JwtConfig JwtSettings(const iris::gateway::Config& cfg, bool* ok) {
  iris::gateway::JwtConfig jwt;
  jwt.kid = cfg.jwt_kid;
  jwt.ttl = std::chrono::seconds(cfg.jwt_ttl_seconds);
  jwt.secret = cfg.jwt_secret;
  *ok = true;
  if (jwt.secret.empty()) {
    unsigned char random[32];
    if (RAND_bytes(random, sizeof random) != 1) *ok = false;
    static constexpr char kHex[] = "0123456789abcdef";
    for (unsigned char b : random) {
      jwt.secret.push_back(kHex[b >> 4]);
      jwt.secret.push_back(kHex[b & 0xF]);
    }
    iris::log::Warn(
        "IRIS_JWT_SECRET is unset: using a random key; tokens will not survive a "
        "restart and other gateway replicas will refuse them");
  } else if (jwt.secret.size() < 32) {
    std::fprintf(stderr, "gateway: IRIS_JWT_SECRET must be at least 32 characters\n");
    *ok = false;
  }
  auto previous = iris::gateway::Jwt::ParseKeyList(cfg.jwt_previous_keys);
  if (!previous.ok()) {
    std::fprintf(stderr, "gateway: IRIS_JWT_PREVIOUS_KEYS: %s\n",
                 std::string(previous.status().message()).c_str());
    *ok = false;
  } else {
    jwt.previous_keys = *previous;
  }
  return jwt;
}

// IRIS_CURSOR_SECRET, or a random key for this process only (with a warning): cursors then
// stop working across restarts and between replicas.
std::string CursorSecret(const iris::gateway::Config& cfg, bool* ok) {
  if (!cfg.cursor_secret.empty()) return cfg.cursor_secret;
  unsigned char random[32];
  *ok = RAND_bytes(random, sizeof random) == 1;
  std::string secret(reinterpret_cast<const char*>(random), sizeof random);
  iris::log::Warn(
      "IRIS_CURSOR_SECRET is unset: using a random key; list cursors will not "
      "survive a restart and other gateway replicas will refuse them");
  return secret;
}

// IRIS_CALLER_SIGNING_KEY, installed for every call to a service; false (and a line on stderr)
// when it is missing or malformed: services would treat every caller as anonymous.
bool InstallCallerSigner(const iris::gateway::Config& cfg) {
  auto signer = iris::grpc::CallerSigner::FromSeed(cfg.caller_signing_key);
  if (!signer.ok()) {
    std::fprintf(stderr,
                 "gateway: IRIS_CALLER_SIGNING_KEY: %s (make a pair with "
                 "iris-gateway --new-caller-keys)\n",
                 std::string(signer.status().message()).c_str());
    return false;
  }
  iris::log::Info("signing caller assertions", {{"public_key", (*signer)->public_key()}});
  iris::grpc::InstallCallerSigner(*std::move(signer));
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace iris::gateway;
  if (argc == 2 && std::strcmp(argv[1], "--new-caller-keys") == 0) {
    // For run.sh and operators: the two settings, ready for an env file or a secret.
    const auto pair = iris::grpc::NewCallerKeyPair();
    std::printf("IRIS_CALLER_SIGNING_KEY=%s\nIRIS_CALLER_VERIFY_KEYS=%s\n", pair.seed.c_str(),
                pair.public_key.c_str());
    return 0;
  }
  if (argc > 1) {
    std::fprintf(stderr, "usage: iris-gateway [--new-caller-keys]\n");
    return 2;
  }
  iris::grpc::ConfigureProcess();
  iris::grpc::BlockTerminationSignals();
  const auto cfg = iris::config::LoadOrExit<Config>();
  iris::log::Init("gateway", cfg.log_level);
  if (!InstallCallerSigner(cfg)) return 2;

  // Read once here, so a docs directory without its files stops the start with one clear line.
  const auto docs_page = LoadDocsPage(cfg.docs_dir);
  if (!docs_page.ok()) {
    std::fprintf(stderr, "gateway: IRIS_DOCS_DIR: %s\n",
                 std::string(docs_page.status().message()).c_str());
    return 1;
  }
  if (!docs_page->installed()) {
    iris::log::Info("no docs page: IRIS_DOCS_DIR is unset, GET /docs answers 404");
  }

  iris::metrics::Metrics metrics("gateway");
  if (auto s = metrics.Serve(cfg.metrics_address); !s.ok()) {
    std::fprintf(stderr, "gateway: metrics: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  iris::redis::Redis redis(cfg.redis);
  Upstreams upstreams;
  for (const auto& [name, address] : cfg.upstream_addresses) {
    upstreams.Add(name, address, cfg.upstream_deadline);
  }
  Readiness readiness(upstreams, redis, metrics);
  bool jwt_ok = false;
  const Jwt jwt(JwtSettings(cfg, &jwt_ok));
  if (!jwt_ok) return 1;
  LoginLimiter login_limiter(redis, metrics);
  Authenticator authenticator(
      jwt, MembershipKeyResolver(upstreams.Get("membership")), std::chrono::seconds(5),
      [] { return std::chrono::steady_clock::now(); },
      MembershipAccountStates(upstreams.Get("membership")));
  bool cursor_ok = true;
  const iris::pagination::CursorCodec cursors(CursorSecret(cfg, &cursor_ok));
  if (!cursor_ok) return 1;
  // docs/openapi.yaml, compacted and checked at build time (tools/openapi_json.cpp).
  RouteDeps deps{readiness, docs::kOpenApiJson};
  deps.cursors = &cursors;
  deps.jwt = &jwt;
  deps.login_limiter = &login_limiter;
  deps.docs_page = &*docs_page;
  deps.anonymous_registrations_per_hour = cfg.anonymous_registrations_per_hour;
  deps.file_transfer_timeout = cfg.file_transfer_timeout;
  Router router(AllRoutes(upstreams, deps));
  Chain chain(router, metrics, &authenticator);
  ResponseCache cache;
  chain.EnableCache(&cache);
  Idempotency idempotency(redis, metrics, {.claim = ClaimFor(cfg.upstream_deadline)});
  chain.EnableIdempotency(&idempotency);
  auto cors = Cors::Parse(cfg.cors_origins);
  if (!cors.ok()) {
    std::fprintf(stderr, "gateway: %s\n", std::string(cors.status().message()).c_str());
    return 1;
  }
  chain.EnableCors(&*cors);
  if (cfg.access_log) chain.EnableAccessLog();
  RateLimiter limiter(redis, metrics,
                      {.per_caller = cfg.rate_limit_per_minute,
                       .per_address = cfg.rate_limit_anonymous_per_minute,
                       .period = std::chrono::seconds(60)});
  chain.EnableRateLimits(&limiter);
  http::ServerOptions http_options = cfg.http;
  http_options.streams_body = [&router](std::string_view method, std::string_view path) {
    return router.StreamsBody(method, path);
  };
  http::Server server(
      http_options, [&chain](http::HttpRequest& r) { return chain.Handle(r); },
      [&chain](http::HttpRequest& r) { return chain.TryWithoutBlocking(r); });
  if (auto s = server.Start(); !s.ok()) {
    std::fprintf(stderr, "gateway: %s (IRIS_HTTP_PORT)\n", std::string(s.message()).c_str());
    return 1;
  }
  std::string pinned;
  for (int cpu : server.LaneCpus()) pinned += (pinned.empty() ? "" : ",") + std::to_string(cpu);
  iris::log::Info("listening", {{"http_port", server.port()},
                                {"metrics", cfg.metrics_address},
                                {"lane_cpus", pinned.empty() ? "unpinned" : pinned}});

  const int sig = iris::grpc::WaitForTerminationSignal();
  // Fail readiness first so balancers stop sending, then let in-flight requests finish.
  readiness.SetDraining();
  iris::log::Info("draining", {{"signal", sig}, {"in_flight", server.InFlight()}});
  const bool drained = server.Drain(cfg.drain_timeout);
  server.Shutdown();
  iris::log::Info("stopped", {{"drained", drained}});
  return 0;
}
