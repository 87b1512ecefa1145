// The documents service: documents with immutable versions whose files are streamed into
// Postgres, full-text search with facets, and campaigns. The runner (libs/service) does the
// rest.
#include "documents_demo.hpp"
#include "documents_migrations.hpp"
#include "libs/audit/audit_grpc.hpp"
#include "libs/event_directory/events_client.hpp"
#include "libs/members/membership_client.hpp"
#include "libs/service/runner.hpp"
#include "services/documents/app/campaign_use_cases.hpp"
#include "services/documents/app/document_use_cases.hpp"
#include "services/documents/app/file_use_cases.hpp"
#include "services/documents/app/version_use_cases.hpp"
#include "services/documents/rpc/campaign_grpc.hpp"
#include "services/documents/rpc/document_grpc.hpp"
#include "services/documents/rpc/file_grpc.hpp"
#include "services/documents/src/config.hpp"
#include "services/documents/storage/pg_blob_store.hpp"
#include "services/documents/storage/pg_campaign_repository.hpp"
#include "services/documents/storage/pg_document_repository.hpp"
#include "services/documents/storage/pg_file_repository.hpp"
#include "services/documents/storage/pg_version_repository.hpp"
#include "services/documents/storage/statements.hpp"

namespace iris::documents {
namespace {

const service::Definition kDefinition{
    .identity = {.name = "documents", .grpc_port = 50054, .metrics_port = 9468},
    .migrations = migrations::kAll,
    .statements = storage::Statements(),
    .demo = demo::kAll,
};

app::FileLimits FileLimitsOf(const OwnSettings& own) {
  app::FileLimits limits;
  limits.max_file_bytes = own.max_file_bytes;
  limits.max_uploads = own.max_uploads;
  return limits;
}

// Declared in dependency order: each part is built from the ones above it.
struct Parts {
  Parts(service::Context& ctx, const OwnSettings& own) : pool(ctx.pool), own(own) {}

  service::ServiceList Services() { return {&documents_api, &campaigns_api, &audit_api}; }

  db::Pool& pool;
  const OwnSettings& own;
  // Membership, asked for the organisations of documents and campaigns; events, for the
  // events campaigns link (own settings).
  members::MembershipClient membership{own.membership_address, own.membership_deadline};
  event_directory::EventsClient events{own.events_address, own.events_deadline};
  storage::PgDocumentRepository document_repo;
  storage::PgVersionRepository version_repo;
  storage::PgFileRepository file_repo;
  storage::PgBlobStore blob_store{pool};
  storage::PgCampaignRepository campaign_repo;
  app::DocumentUseCases documents{pool, document_repo, version_repo, membership};
  app::VersionUseCases versions{pool, document_repo, version_repo};
  app::FileUseCases files{pool,      document_repo, version_repo,
                          file_repo, blob_store,    FileLimitsOf(own)};
  app::CampaignUseCases campaigns{pool, campaign_repo, document_repo, membership, events};
  rpc::FileGrpc files_api{files};
  rpc::DocumentGrpc documents_api{documents, versions, files_api};
  rpc::CampaignGrpc campaigns_api{campaigns};
  audit::AuditGrpc audit_api{pool, "documents"};  // the kit's audit listing of this schema
};

}  // namespace
}  // namespace iris::documents

int main(int argc, char** argv) {
  using namespace iris::documents;
  return iris::service::Run<Parts, OwnSettings>(argc, argv, kDefinition);
}
