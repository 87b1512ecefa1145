// What every database test of documents' documents, versions, search and campaigns shares: the
// service's schema (migrated once per test binary), a pool with its named statements, fake
// membership and events directories, the use cases over the real repositories, callers of each
// role, and files put in place with SQL (the streamed upload is the file tests' subject).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "documents_migrations.hpp"
#include "libs/db/migrator.hpp"
#include "libs/db/pool.hpp"
#include "libs/db/testing/service_db_test.hpp"
#include "libs/event_directory/fake_directory.hpp"
#include "libs/members/fake_directory.hpp"
#include "libs/status/status.hpp"
#include "services/documents/app/campaign_use_cases.hpp"
#include "services/documents/app/document_use_cases.hpp"
#include "services/documents/app/version_use_cases.hpp"
#include "services/documents/storage/pg_campaign_repository.hpp"
#include "services/documents/storage/pg_document_repository.hpp"
#include "services/documents/storage/pg_version_repository.hpp"
#include "services/documents/storage/statements.hpp"
#include "tests/support/test_env.hpp"

namespace iris::documents {

using domain::DocumentStatus;
using domain::DocumentVerb;

inline std::string DocumentsDbUrl() {
  return iris::testing::RequireEnv("IRIS_TEST_DOCUMENTS_DATABASE_URL");
}

class DocumentsDbTestBase : public db::testing::ServiceDbTest {
 protected:
  // `pool_size`: the connections the test's threads may hold at once.
  explicit DocumentsDbTestBase(int pool_size = 6)
      : ServiceDbTest(DocumentsDbUrl(), storage::Statements(), pool_size) {}

  static void SetUpTestSuite() {
    ASSERT_TRUE(db::MigrateService(DocumentsDbUrl(), "documents", migrations::kAll).ok());
  }

  identity::Caller Admin() {
    return {.subject = NewId(), .role = "network_admin", .request_id = "req-documents-db"};
  }
  identity::Caller Coordinator(const std::string& country) {
    return {.subject = NewId(),
            .role = "national_coordinator",
            .country = country,
            .request_id = "req-documents-db"};
  }
  identity::Caller MemberOf(const std::string& organization_id) {
    return {.subject = NewId(),
            .role = "member",
            .organization_id = organization_id,
            .request_id = "req-documents-db"};
  }
  // An active member organisation membership knows.
  std::string ActiveOrg(bool active = true) {
    const std::string id = NewId();
    membership_.orgs[id] = {.exists = true,
                            .name = "Defendology",
                            .country = "BA",
                            .active = active,
                            .status = active ? "active" : "suspended"};
    return id;
  }

  domain::DocumentPatch Fields(const std::string& title, const std::vector<std::string>& orgs,
                               const std::vector<std::string>& countries = {"RS"}) {
    domain::DocumentPatch p;
    p.kind = "shadow_report";
    p.title = values::LocalizedText{{"en", title}};
    p.countries = countries;
    p.topics = std::vector<std::string>{"social-services"};
    p.organization_ids = orgs;
    return p;
  }

  domain::Document Create(const identity::Caller& caller, const domain::DocumentPatch& p) {
    auto d = documents_.Create(caller, p);
    EXPECT_TRUE(d.ok()) << d.status();
    return d.ok() ? *d : domain::Document{};
  }

  // A file row in version `number` (bytes are the file tests' concern: an empty blob), with
  // `text` as its extracted text, and the search vectors refreshed as an upload does.
  void AddFile(const std::string& document_id, int number, const std::string& name,
               const std::string& text = "") {
    auto s = pool_.Write([&](db::Tx& tx) -> absl::Status {
      const auto blob = tx.ExecSql(
                              "INSERT INTO documents.blobs (size, sha256, chunk_size) VALUES (0, "
                              "repeat('0', 64), 262144) RETURNING id::text")[0][0]
                            .as<std::string>();
      tx.raw().exec_params(
          "INSERT INTO documents.files (document_id, version, name, position, media_type, "
          "blob_id, size, sha256, text) SELECT $1::uuid, $2, $3, coalesce(max(position), 0) + 1, "
          "'text/plain', $4::uuid, 0, repeat('0', 64), $5 FROM documents.files "
          "WHERE document_id = $1::uuid AND version = $2",
          document_id, number, name, blob, text);
      return document_repo_.RefreshSearch(tx, document_id);
    });
    ASSERT_TRUE(s.ok()) << s;
  }

  // A document with version 1 holding one file, moved along the workflow to `status`.
  domain::Document WithStatus(const std::string& title, const std::vector<std::string>& orgs,
                              DocumentStatus status, const std::string& text = "",
                              const std::vector<std::string>& countries = {"RS"}) {
    auto d = Create(Admin(), Fields(title, orgs, countries));
    EXPECT_TRUE(versions_.Create(Admin(), d.id, "first").ok());
    AddFile(d.id, 1, "main.txt", text);
    for (auto [until, verb] : {std::pair{DocumentStatus::kInReview, DocumentVerb::kSubmit},
                               std::pair{DocumentStatus::kPublished, DocumentVerb::kPublish},
                               std::pair{DocumentStatus::kArchived, DocumentVerb::kArchive}}) {
      if (static_cast<int>(status) < static_cast<int>(until)) break;
      auto moved = documents_.Act(Admin(), d.id, verb, "", 0);
      EXPECT_TRUE(moved.ok()) << moved.status();
      if (moved.ok()) d = *moved;
    }
    return d;
  }

  members::FakeDirectory membership_;
  event_directory::FakeEventDirectory events_;
  storage::PgDocumentRepository document_repo_;
  storage::PgVersionRepository version_repo_;
  storage::PgCampaignRepository campaign_repo_;
  app::DocumentUseCases documents_{pool_, document_repo_, version_repo_, membership_};
  app::VersionUseCases versions_{pool_, document_repo_, version_repo_};
  app::CampaignUseCases campaigns_{pool_, campaign_repo_, document_repo_, membership_, events_};
};

}  // namespace iris::documents
