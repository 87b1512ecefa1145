// What membership's database and gRPC tests share: the migrated schema and unique names.
// Header-only: the service's tests are one binary per *_test.cpp (cmake/IrisService.cmake).
#pragma once

#include <unistd.h>

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "libs/db/migrator.hpp"
#include "libs/db/pool.hpp"
#include "membership_migrations.hpp"
#include "services/membership/domain/organization.hpp"
#include "tests/support/rpc_server.hpp"
#include "tests/support/test_env.hpp"

namespace iris::membership {

// The test database's membership schema with the kit's and membership's migrations applied, as
// the service applies them at startup; idempotent, so every suite may call it.
inline absl::Status MigrateSchema() {
  return db::MigrateService(iris::testing::MembershipDatabaseUrl(), "membership", migrations::kAll);
}

// Migrates the schema, then serves `services` on a real gRPC server on 127.0.0.1:0 whose health
// follows `pool`; nullptr when either step fails (the test then fails on it).
inline std::unique_ptr<iris::testing::RpcServer> StartServer(std::vector<::grpc::Service*> services,
                                                             db::Pool& pool) {
  if (!MigrateSchema().ok()) return nullptr;
  auto server = std::make_unique<iris::testing::RpcServer>("membership", std::move(services),
                                                           [&pool] { return pool.Ping(); });
  if (!server->Start().ok()) return nullptr;
  return server;
}

// "tok" + 12 letters: folds to itself (search tests) and no other test's rows contain it.
inline std::string Token() {
  static std::mt19937_64 rng(std::random_device{}() ^ static_cast<uint64_t>(::getpid()));
  std::string t = "tok";
  for (int i = 0; i < 12; ++i) t += static_cast<char>('a' + rng() % 26);
  return t;
}

// `prefix` plus a random number (iris::testing::UniqueName).
inline std::string Unique(const std::string& prefix) { return iris::testing::UniqueName(prefix); }

// A new member organisation in Serbia named `prefix` plus a random number, created by `admin`
// through `orgs` (the use cases): member accounts need one (users.organization_id is a
// foreign key).
template <typename Organizations, typename Caller>
auto NewMemberOrganization(Organizations& orgs, const Caller& admin, const std::string& prefix) {
  domain::OrganizationPatch p;
  p.name = Unique(prefix);
  p.country = "RS";
  p.kind = domain::OrganizationKind::kMemberCso;
  return orgs.Create(admin, p);
}

}  // namespace iris::membership
