// The membership service: composes configuration, storage, use cases and the gRPC API.
#include <cstdio>
#include <cstring>
#include <string>

#include "libs/db/migrator.hpp"
#include "libs/grpc/process.hpp"
#include "libs/grpc/server.hpp"
#include "libs/log/log.hpp"
#include "libs/metrics/metrics.hpp"
#include "membership_migrations.hpp"
#include "membership_sql.hpp"
#include "services/membership/app/account_use_cases.hpp"
#include "services/membership/app/application_use_cases.hpp"
#include "services/membership/app/organization_use_cases.hpp"
#include "services/membership/app/person_use_cases.hpp"
#include "services/membership/app/reference_use_cases.hpp"
#include "services/membership/app/social_service_use_cases.hpp"
#include "services/membership/rpc/accounts_grpc.hpp"
#include "services/membership/rpc/application_grpc.hpp"
#include "services/membership/rpc/membership_grpc.hpp"
#include "services/membership/rpc/organization_grpc.hpp"
#include "services/membership/rpc/social_service_grpc.hpp"
#include "services/membership/rpc/person_grpc.hpp"
#include "services/membership/src/config.hpp"
#include "services/membership/storage/application_pg_repository.hpp"
#include "services/membership/storage/demo_loader.hpp"
#include "services/membership/storage/pg_account_repository.hpp"
#include "services/membership/storage/pg_organization_repository.hpp"
#include "services/membership/storage/pg_reference_repository.hpp"
#include "services/membership/storage/pg_social_service_repository.hpp"
#include "services/membership/storage/person_pg_repository.hpp"

namespace {

constexpr const char* kUsage =
    "usage: iris-membership [--migrate-only | --load-demo]\n"
    "  --migrate-only  apply the embedded migrations to schema 'membership' and exit\n"
    "  --load-demo     migrate, load the demo organisations drawn from the seeds, and exit\n"
    "Settings come from IRIS_* environment variables (see README.md).\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace iris::membership;
  bool migrate_only = false;
  bool load_demo = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--migrate-only") == 0) {
      migrate_only = true;
    } else if (std::strcmp(argv[i], "--load-demo") == 0) {
      load_demo = true;
    } else {
      std::fputs(kUsage, std::strcmp(argv[i], "--help") == 0 ? stdout : stderr);
      return std::strcmp(argv[i], "--help") == 0 ? 0 : 2;
    }
  }
  iris::grpc::ConfigureProcess();
  iris::grpc::BlockTerminationSignals();
  const auto cfg = iris::config::LoadOrExit<Config>();
  iris::log::Init("membership", cfg.log_level);

  if (migrate_only || load_demo || cfg.migrate_on_start) {
    if (auto s = iris::db::Migrate(cfg.database.url, "membership", migrations::kAll); !s.ok()) {
      std::fprintf(stderr, "membership: migrations failed: %s\n", std::string(s.message()).c_str());
      return 1;
    }
    if (migrate_only) return 0;
  }

  iris::db::Pool pool(cfg.database, sql::kAll);
  if (load_demo) {
    if (auto s = storage::LoadDemo(pool); !s.ok()) {
      std::fprintf(stderr, "membership: demo data: %s\n", std::string(s.message()).c_str());
      return 1;
    }
    return 0;
  }
  storage::PgReferenceRepository reference_repo;
  app::ReferenceUseCases reference(pool, reference_repo);
  rpc::MembershipGrpc api(reference);
  storage::PgOrganizationRepository organization_repo;
  app::OrganizationUseCases organizations(pool, organization_repo, reference_repo);
  rpc::OrganizationsGrpc organizations_api(organizations);
  storage::PgSocialServiceRepository social_service_repo;
  app::SocialServiceUseCases social_services(pool, social_service_repo, organization_repo,
                                             reference_repo);
  rpc::SocialServicesGrpc social_services_api(social_services);
  storage::PgPersonRepository person_repo;
  app::PersonUseCases people(pool, person_repo, organization_repo, reference_repo);
  rpc::PeopleGrpc people_api(people);
  storage::PgApplicationRepository application_repo;
  app::ApplicationUseCases applications(pool, application_repo, organization_repo,
                                        reference_repo);
  rpc::ApplicationsGrpc applications_api(applications);
  storage::PgAccountRepository account_repo;
  app::PasswordHasher hasher;
  app::AccountUseCases accounts(pool, account_repo, hasher);
  rpc::AccountsGrpc accounts_api(accounts);
  if (!cfg.admin_email.empty() && !cfg.admin_password.empty()) {
    auto created = accounts.BootstrapAdmin(cfg.admin_email, cfg.admin_password);
    if (!created.ok()) {
      std::fprintf(stderr, "membership: first admin (IRIS_ADMIN_EMAIL/IRIS_ADMIN_PASSWORD): %s\n",
                   std::string(created.status().message()).c_str());
      return 1;
    }
    if (*created) iris::log::Info("created the first network admin", {{"user_id", **created}});
  }
  iris::metrics::Metrics metrics("membership");
  return iris::grpc::Serve(cfg.server, {&api, &accounts_api, &organizations_api, &people_api, &applications_api, &social_services_api}, metrics, [&] { return pool.Ping(); });
}
