// The gateway: the only HTTP entry. Composes clients, routes, middleware and the HTTP adapter.
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "libs/grpc/server.hpp"
#include "libs/log/log.hpp"
#include "libs/metrics/metrics.hpp"
#include "libs/redis/redis.hpp"
#include "gateway_openapi.hpp"
#include "services/gateway/clients/membership_client.hpp"
#include "services/gateway/http/server.hpp"
#include "services/gateway/middleware/chain.hpp"
#include "services/gateway/middleware/readiness.hpp"
#include "services/gateway/routes/openapi_document.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/src/config.hpp"

int main() {
  using namespace iris::gateway;
  iris::grpc::BlockTerminationSignals();
  const auto cfg = iris::config::LoadOrExit<Config>();
  iris::log::Init("gateway", cfg.log_level);

  // docs/openapi.yaml is written in YAML's JSON subset, so the document served at
  // /v1/openapi.json is the very file the validator checks.
  const auto openapi = ParseOpenApi(iris::gateway::docs::kOpenApiYaml);
  if (!openapi.ok()) {
    std::fprintf(stderr, "gateway: %s\n", std::string(openapi.status().message()).c_str());
    return 1;
  }
  const std::string openapi_json = openapi->dump();

  iris::metrics::Metrics metrics("gateway");
  if (auto s = metrics.Serve(cfg.metrics_address); !s.ok()) {
    std::fprintf(stderr, "gateway: metrics: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  iris::redis::Redis redis(cfg.redis);
  MembershipClient membership(cfg.membership_address, cfg.upstream_deadline);
  Readiness readiness(membership, redis, metrics);
  Router router(AllRoutes({membership, readiness, openapi_json}));
  Chain chain(router, metrics);
  http::Server server(cfg.http, [&chain](http::HttpRequest& r) { return chain.Handle(r); });
  if (auto s = server.Start(); !s.ok()) {
    std::fprintf(stderr, "gateway: %s (IRIS_HTTP_PORT)\n", std::string(s.message()).c_str());
    return 1;
  }
  iris::log::Info("listening", {{"http_port", server.port()}, {"metrics", cfg.metrics_address}});

  const int sig = iris::grpc::WaitForTerminationSignal();
  // Fail readiness first so balancers stop sending, then let in-flight requests finish.
  readiness.SetDraining();
  iris::log::Info("draining", {{"signal", sig}, {"in_flight", server.InFlight()}});
  const bool drained = server.Drain(cfg.drain_timeout);
  server.Shutdown();
  iris::log::Info("stopped", {{"drained", drained}});
  return 0;
}
