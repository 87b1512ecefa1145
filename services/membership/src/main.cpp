// The membership service: composes configuration, storage, use cases and the gRPC API.
#include <cstdio>
#include <cstring>
#include <string>

#include "libs/db/migrator.hpp"
#include "libs/grpc/server.hpp"
#include "libs/log/log.hpp"
#include "libs/metrics/metrics.hpp"
#include "membership_migrations.hpp"
#include "membership_sql.hpp"
#include "services/membership/app/reference_use_cases.hpp"
#include "services/membership/rpc/membership_grpc.hpp"
#include "services/membership/src/config.hpp"
#include "services/membership/storage/pg_reference_repository.hpp"

namespace {

constexpr const char* kUsage =
    "usage: iris-membership [--migrate-only]\n"
    "  --migrate-only  apply the embedded migrations to schema 'membership' and exit\n"
    "Settings come from IRIS_* environment variables (see README.md).\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace iris::membership;
  bool migrate_only = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--migrate-only") == 0) {
      migrate_only = true;
    } else {
      std::fputs(kUsage, std::strcmp(argv[i], "--help") == 0 ? stdout : stderr);
      return std::strcmp(argv[i], "--help") == 0 ? 0 : 2;
    }
  }
  iris::grpc::BlockTerminationSignals();
  const auto cfg = iris::config::LoadOrExit<Config>();
  iris::log::Init("membership", cfg.log_level);

  if (migrate_only || cfg.migrate_on_start) {
    if (auto s = iris::db::Migrate(cfg.database.url, "membership", migrations::kAll); !s.ok()) {
      std::fprintf(stderr, "membership: migrations failed: %s\n", std::string(s.message()).c_str());
      return 1;
    }
    if (migrate_only) return 0;
  }

  iris::db::Pool pool(cfg.database, sql::kAll);
  storage::PgReferenceRepository reference_repo;
  app::ReferenceUseCases reference(pool, reference_repo);
  rpc::MembershipGrpc api(reference);
  iris::metrics::Metrics metrics("membership");
  return iris::grpc::Serve(cfg.server, {&api}, metrics, [&] { return pool.Ping(); });
}
