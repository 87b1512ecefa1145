#include "services/documents/storage/pg_version_repository.hpp"

#include <map>

#include "documents_sql.hpp"
#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"
#include "services/documents/storage/pg_file_repository.hpp"

namespace iris::documents::storage {
namespace {

absl::Status NotFound() { return absl::NotFoundError("version not found"); }

// The files of the document's versions (all, or `number`), by version.
std::map<int, std::vector<domain::File>> FilesOf(db::Tx& tx, const std::string& document_id,
                                                 int number) {
  std::map<int, std::vector<domain::File>> out;
  db::ColumnMemo memo;
  for (const auto& raw : tx.Exec(sql::kVersionsFiles, document_id, number)) {
    const db::Row r(raw, &memo);
    out[r["version"].as<int>()].push_back(FileFromRow(r));
  }
  return out;
}

absl::StatusOr<domain::Version> Read(db::Tx& tx, const db::Statement& s,
                                     const std::string& document_id, int number) {
  if (!values::IsUuid(document_id) || number < 1) return NotFound();
  auto rows = tx.Exec(s, document_id, number);
  if (rows.empty()) return NotFound();
  return VersionFromRow(rows[0]);
}

}  // namespace

domain::Version VersionFromRow(const db::Row& r) {
  domain::Version v;
  v.document_id = r["document_id"].as<std::string>();
  v.number = r["number"].as<int>();
  v.change_note = r["change_note"].as<std::string>();
  v.published_at = db::OptionalTimeOf(r["published_at_us"]);
  v.created_at = db::TimeOf(r["created_at_us"]);
  return v;
}

absl::StatusOr<domain::Version> PgVersionRepository::Find(db::Tx& tx,
                                                          const std::string& document_id,
                                                          int number) {
  IRIS_ASSIGN_OR_RETURN(auto v, Read(tx, sql::kVersionsFind, document_id, number));
  v.files = std::move(FilesOf(tx, document_id, number)[number]);
  return v;
}

absl::StatusOr<domain::Version> PgVersionRepository::FindForUpdate(db::Tx& tx,
                                                                   const std::string& document_id,
                                                                   int number) {
  return Read(tx, sql::kVersionsFindForUpdate, document_id, number);
}

absl::StatusOr<std::vector<domain::Version>> PgVersionRepository::List(
    db::Tx& tx, const std::string& document_id, bool published_only) {
  std::vector<domain::Version> out;
  if (!values::IsUuid(document_id)) return out;
  db::ColumnMemo memo;
  for (const auto& raw : tx.Exec(sql::kVersionsList, document_id, published_only)) {
    out.push_back(VersionFromRow(db::Row(raw, &memo)));
  }
  if (out.empty()) return out;
  auto files = FilesOf(tx, document_id, 0);
  for (auto& v : out) v.files = std::move(files[v.number]);
  return out;
}

absl::StatusOr<int> PgVersionRepository::FileCount(db::Tx& tx, const std::string& document_id,
                                                   int number) {
  if (number < 1) return 0;
  return tx.Exec(sql::kVersionsFileCount, document_id, number).at(0)["files"].as<int>();
}

absl::StatusOr<domain::Version> PgVersionRepository::Insert(db::Tx& tx,
                                                            const std::string& document_id,
                                                            int number,
                                                            const std::string& change_note) {
  auto rows = tx.Exec(sql::kVersionsInsert, document_id, number, change_note);
  if (tx.Exec(sql::kDocumentsSetLatestVersion, document_id, number).empty()) {
    return absl::InternalError("a new version that does not follow the document's latest");
  }
  return VersionFromRow(rows.at(0));
}

absl::Status PgVersionRepository::Publish(db::Tx& tx, const std::string& document_id, int number) {
  tx.Exec(sql::kVersionsPublish, document_id, number);
  return absl::OkStatus();
}

}  // namespace iris::documents::storage
