// The events service: events with their agenda, participation, attendance and certificates,
// the iCalendar feed, and programmes with their placements. The runner (libs/service) does
// the rest.
#include "events_demo.hpp"
#include "events_migrations.hpp"
#include "libs/audit/audit_grpc.hpp"
#include "libs/members/membership_client.hpp"
#include "libs/service/runner.hpp"
#include "services/events/app/event_use_cases.hpp"
#include "services/events/app/programme_use_cases.hpp"
#include "services/events/app/registration_use_cases.hpp"
#include "services/events/rpc/event_grpc.hpp"
#include "services/events/rpc/programme_grpc.hpp"
#include "services/events/rpc/registration_grpc.hpp"
#include "services/events/src/config.hpp"
#include "services/events/storage/pg_event_repository.hpp"
#include "services/events/storage/pg_programme_repository.hpp"
#include "services/events/storage/pg_registration_repository.hpp"
#include "services/events/storage/statements.hpp"

namespace iris::events {
namespace {

const service::Definition kDefinition{
    .identity = {.name = "events", .grpc_port = 50053, .metrics_port = 9467},
    .migrations = migrations::kAll,
    .statements = storage::Statements(),
    .demo = demo::kAll,
};

// Declared in dependency order: each part is built from the ones above it.
struct Parts {
  Parts(service::Context& ctx, const OwnSettings& own) : pool(ctx.pool), own(own) {}

  service::ServiceList Services() {
    return {&events_api, &registrations_api, &programmes_api, &audit_api};
  }

  db::Pool& pool;
  const OwnSettings& own;
  // Membership, asked for hosts, partners and the organisations of registrations and
  // placements (own settings).
  members::MembershipClient membership{own.membership_address, own.membership_deadline};
  storage::PgEventRepository event_repo;
  app::EventUseCases events{pool, event_repo, membership};
  rpc::EventGrpc events_api{events};
  storage::PgRegistrationRepository registration_repo;
  app::RegistrationUseCases registrations{pool, registration_repo, membership};
  rpc::RegistrationGrpc registrations_api{registrations};
  storage::PgProgrammeRepository programme_repo;
  app::ProgrammeUseCases programmes{pool, programme_repo, membership};
  rpc::ProgrammeGrpc programmes_api{programmes};
  audit::AuditGrpc audit_api{pool, "events"};  // the kit's audit listing of this schema
};

}  // namespace
}  // namespace iris::events

int main(int argc, char** argv) {
  using namespace iris::events;
  return iris::service::Run<Parts, OwnSettings>(argc, argv, kDefinition);
}
