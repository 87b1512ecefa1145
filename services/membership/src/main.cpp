// The membership service: reference data, organisations, social services, people, membership
// applications and accounts. The runner (libs/service) does the rest.
#include "libs/audit/audit_grpc.hpp"
#include "libs/log/log.hpp"
#include "libs/service/runner.hpp"
#include "membership_demo.hpp"
#include "membership_migrations.hpp"
#include "membership_sql.hpp"
#include "services/membership/app/account_use_cases.hpp"
#include "services/membership/app/application_use_cases.hpp"
#include "services/membership/app/organization_use_cases.hpp"
#include "services/membership/app/person_use_cases.hpp"
#include "services/membership/app/reference_use_cases.hpp"
#include "services/membership/app/session_use_cases.hpp"
#include "services/membership/app/social_service_use_cases.hpp"
#include "services/membership/rpc/account_grpc.hpp"
#include "services/membership/rpc/application_grpc.hpp"
#include "services/membership/rpc/organization_grpc.hpp"
#include "services/membership/rpc/person_grpc.hpp"
#include "services/membership/rpc/reference_grpc.hpp"
#include "services/membership/rpc/session_grpc.hpp"
#include "services/membership/rpc/social_service_grpc.hpp"
#include "services/membership/src/config.hpp"
#include "services/membership/storage/pg_account_repository.hpp"
#include "services/membership/storage/pg_application_repository.hpp"
#include "services/membership/storage/pg_organization_repository.hpp"
#include "services/membership/storage/pg_person_repository.hpp"
#include "services/membership/storage/pg_reference_repository.hpp"
#include "services/membership/storage/pg_session_repository.hpp"
#include "services/membership/storage/pg_social_service_repository.hpp"
#include "services/membership/storage/reference_cache.hpp"
#include "services/membership/storage/statements.hpp"

namespace iris::membership {
namespace {

const service::Definition kDefinition{
    .identity = {.name = "membership", .grpc_port = 50051, .metrics_port = 9465},
    .migrations = migrations::kAll,
    .statements = storage::Statements(),
    .demo = demo::kAll,
};

// Declared in dependency order: each part is built from the ones above it.
struct Parts {
  Parts(service::Context& ctx, const OwnSettings& own) : pool(ctx.pool), own(own) {}

  // The first network admin (IRIS_ADMIN_EMAIL / IRIS_ADMIN_PASSWORD), once.
  absl::Status Start() {
    if (own.admin_email.empty() || own.admin_password.empty()) return absl::OkStatus();
    auto created = accounts.BootstrapAdmin(own.admin_email, own.admin_password);
    if (!created.ok()) {
      return absl::Status(created.status().code(),
                          "first admin (IRIS_ADMIN_EMAIL/IRIS_ADMIN_PASSWORD): " +
                              std::string(created.status().message()));
    }
    if (*created) iris::log::Info("created the first network admin", {{"user_id", **created}});
    return absl::OkStatus();
  }

  service::ServiceList Services() {
    return {&reference_api,    &accounts_api,        &sessions_api, &organizations_api,
            &applications_api, &social_services_api, &people_api,   &audit_api};
  }

  db::Pool& pool;
  const OwnSettings& own;
  storage::PgReferenceRepository reference_repo;
  storage::PgOrganizationRepository organization_repo;
  storage::PgSocialServiceRepository social_service_repo;
  storage::PgPersonRepository person_repo;
  storage::PgApplicationRepository application_repo;
  storage::PgAccountRepository account_repo;
  storage::PgSessionRepository session_repo;
  storage::ReferenceCache reference_codes{reference_repo};
  app::PasswordHasher hasher;

  app::ReferenceUseCases reference{pool, reference_repo};
  app::OrganizationUseCases organizations{pool, organization_repo, reference_codes};
  app::SocialServiceUseCases social_services{pool, social_service_repo, organization_repo,
                                             reference_codes};
  app::PersonUseCases people{pool, person_repo, organization_repo, reference_codes};
  app::ApplicationUseCases applications{pool, application_repo, organization_repo, reference_codes};
  app::AccountUseCases accounts{pool, account_repo, hasher, reference_codes};
  app::SessionUseCases sessions{pool, accounts, account_repo, session_repo};

  rpc::ReferenceGrpc reference_api{reference};
  rpc::OrganizationGrpc organizations_api{organizations};
  rpc::SocialServiceGrpc social_services_api{social_services};
  rpc::PersonGrpc people_api{people};
  rpc::ApplicationGrpc applications_api{applications};
  rpc::AccountGrpc accounts_api{accounts};
  rpc::SessionGrpc sessions_api{sessions};
  audit::AuditGrpc audit_api{pool, "membership"};  // the kit's audit listing of this schema
};

}  // namespace
}  // namespace iris::membership

int main(int argc, char** argv) {
  using namespace iris::membership;
  return iris::service::Run<Parts, OwnSettings>(argc, argv, kDefinition);
}
