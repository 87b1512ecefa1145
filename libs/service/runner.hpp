// The whole life of a service process, once for every service: command line, settings, logging,
// migrations (the kit's and the service's own), the connection pool, demo data, metrics, the gRPC
// server and its drain, and the outbox relay (libs/relay) beside the server. A service's main.cpp
// only says what it is made of:
//
//   int main(int argc, char** argv) {
//     return iris::service::Run<Parts>(argc, argv, kDefinition);
//   }
//
// where Parts is a struct holding its repositories, use cases and gRPC services (see
// docs/development.md, "Adding a service").
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <grpcpp/impl/service_type.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "libs/config/env.hpp"
#include "libs/db/pool.hpp"
#include "libs/db/statement.hpp"
#include "libs/metrics/metrics.hpp"
#include "libs/service/settings.hpp"

namespace iris::service {

// What a service is: its identity and the SQL embedded in its binary.
struct Definition {
  Identity identity;
  std::span<const iris::db::Statement> migrations;  // migrations/*.sql
  std::span<const iris::db::Statement> statements;  // storage/sql/*.sql, prepared per connection
  std::span<const iris::db::Statement> demo;        // demo/*.sql; empty: no --load-demo
};

// What a service's parts get to build themselves.
struct Context {
  const Settings& settings;
  iris::db::Pool& pool;
  iris::metrics::Metrics& metrics;
};

// The command line every service understands.
struct Args {
  enum class Mode { kServe, kMigrateOnly, kLoadDemo, kHelp, kPrintSql };
  Mode mode = Mode::kServe;
  std::string statement;  // kPrintSql: the prepared statement's name
  std::string error;      // set when an argument is not understood (exit status 2)
};
Args ParseArgs(int argc, char** argv, bool has_demo);
std::string Usage(const Definition& def);

// Runs each demo statement in one transaction and, when any inserted a row, records one
// "<service>.demo.loaded" message and audit entry (actor "operator"). The statements must be
// idempotent (fixed ids, ON CONFLICT DO NOTHING), so a second load changes nothing.
absl::Status LoadDemo(iris::db::Pool& pool, const std::string& service,
                      std::span<const iris::db::Statement> demo);

// A service's own settings beyond Settings; a struct with `static T Load(config::Env&)`.
struct NoSettings {
  static NoSettings Load(iris::config::Env&) { return {}; }
};

// A service's composed parts. Parts has a constructor Parts(Context&, const Own&) and a
// method `std::vector<::grpc::Service*> Services()`; it may have `absl::Status Start()`,
// called once before serving (e.g. to create a first admin).
using ServiceList = std::vector<::grpc::Service*>;
// What compose makes: the parts, owned here so that RunService destroys them before the pool
// and metrics they hold references to, and the gRPC services among them to serve.
struct Composed {
  std::shared_ptr<void> parts;
  ServiceList services;
};
using Composer = std::function<absl::StatusOr<Composed>(Context&)>;

// A service's name is its schema, its role (iris_<name>) and its variables' prefix, so it must
// be a plain lower-case identifier: [a-z][a-z_]*.
bool IsServiceName(std::string_view name);

// The non-template core of Run: load_own reads the service's own settings from the same Env
// (so every bad variable is reported at once), compose builds the parts and returns them with
// the services to serve. An exception from compose is one clear line and exit status 1.
int RunService(int argc, char** argv, const Definition& def,
               const std::function<void(iris::config::Env&)>& load_own, const Composer& compose);

namespace internal {
template <typename P>
concept HasStart = requires(P& p) {
  { p.Start() } -> std::convertible_to<absl::Status>;
};
}  // namespace internal

template <typename Parts, typename Own = NoSettings>
int Run(int argc, char** argv, const Definition& def) {
  Own own;  // outlives the parts, which may keep a reference to it
  return RunService(
      argc, argv, def, [&](iris::config::Env& env) { own = Own::Load(env); },
      [&](Context& ctx) -> absl::StatusOr<Composed> {
        std::shared_ptr<Parts> parts;
        if constexpr (std::is_same_v<Own, NoSettings>) {
          parts = std::make_shared<Parts>(ctx);
        } else {
          parts = std::make_shared<Parts>(ctx, own);
        }
        if constexpr (internal::HasStart<Parts>) {
          if (auto s = parts->Start(); !s.ok()) return s;
        }
        ServiceList services = parts->Services();
        return Composed{std::move(parts), std::move(services)};
      });
}

}  // namespace iris::service
