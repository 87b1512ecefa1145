// The grants service: the Small Grants Scheme's calls, applications and their review, awards
// with tranches and reports, figures and 360Giving open data. The runner (libs/service) does
// the rest.
#include "grants_demo.hpp"
#include "grants_migrations.hpp"
#include "libs/audit/audit_grpc.hpp"
#include "libs/members/membership_client.hpp"
#include "libs/service/runner.hpp"
#include "services/grants/app/application_use_cases.hpp"
#include "services/grants/app/award_use_cases.hpp"
#include "services/grants/app/call_use_cases.hpp"
#include "services/grants/app/report_use_cases.hpp"
#include "services/grants/app/review_use_cases.hpp"
#include "services/grants/app/statistics_use_cases.hpp"
#include "services/grants/app/tranche_use_cases.hpp"
#include "services/grants/rpc/application_grpc.hpp"
#include "services/grants/rpc/award_grpc.hpp"
#include "services/grants/rpc/call_grpc.hpp"
#include "services/grants/rpc/statistics_grpc.hpp"
#include "services/grants/src/config.hpp"
#include "services/grants/storage/pg_application_repository.hpp"
#include "services/grants/storage/pg_award_repository.hpp"
#include "services/grants/storage/pg_call_repository.hpp"
#include "services/grants/storage/pg_report_repository.hpp"
#include "services/grants/storage/pg_review_repository.hpp"
#include "services/grants/storage/pg_statistics_repository.hpp"
#include "services/grants/storage/pg_tranche_repository.hpp"
#include "services/grants/storage/statements.hpp"

namespace iris::grants {
namespace {

const service::Definition kDefinition{
    .identity = {.name = "grants", .grpc_port = 50052, .metrics_port = 9466},
    .migrations = migrations::kAll,
    .statements = storage::Statements(),
    .demo = demo::kAll,
};

// Declared in dependency order: each part is built from the ones above it.
struct Parts {
  Parts(service::Context& ctx, const OwnSettings& own) : pool(ctx.pool), own(own) {}

  service::ServiceList Services() {
    return {&calls_api, &applications_api, &awards_api, &statistics_api, &audit_api};
  }

  db::Pool& pool;
  const OwnSettings& own;
  storage::PgCallRepository call_repo;
  app::CallUseCases calls{pool, call_repo};
  rpc::CallGrpc calls_api{calls};
  // Membership, asked at submission and when a reviewer is assigned (own settings).
  members::MembershipClient membership{own.membership_address, own.membership_deadline};
  storage::PgApplicationRepository application_repo;
  storage::PgReviewRepository review_repo;
  app::ApplicationUseCases applications{pool, application_repo, membership};
  app::ReviewUseCases reviews{pool, application_repo, review_repo, membership};
  rpc::ApplicationGrpc applications_api{applications, reviews};
  storage::PgAwardRepository award_repo;
  storage::PgTrancheRepository tranche_repo;
  storage::PgReportRepository report_repo;
  app::AwardUseCases awards{pool, award_repo};
  app::TrancheUseCases tranches{pool, award_repo, tranche_repo, report_repo};
  app::ReportUseCases reports{pool, award_repo, report_repo};
  rpc::AwardGrpc awards_api{awards, tranches, reports};
  storage::PgStatisticsRepository statistics_repo;
  app::StatisticsUseCases statistics{pool,
                                     statistics_repo,
                                     {.prefix = own.open_data_prefix,
                                      .funder_identifier = own.funder_identifier,
                                      .funder_name = own.funder_name}};
  rpc::StatisticsGrpc statistics_api{statistics};
  audit::AuditGrpc audit_api{pool, "grants"};  // the kit's audit listing of this schema
};

}  // namespace
}  // namespace iris::grants

int main(int argc, char** argv) {
  using namespace iris::grants;
  return iris::service::Run<Parts, OwnSettings>(argc, argv, kDefinition);
}
