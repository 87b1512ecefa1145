#include "services/documents/storage/pg_file_repository.hpp"

#include "documents_sql.hpp"
#include "libs/db/values.hpp"
#include "libs/values/uuid.hpp"

namespace iris::documents::storage {
namespace {

absl::StatusOr<domain::File> Written(const pqxx::result& rows) {
  if (rows.empty()) return absl::NotFoundError("file not found");
  return FileFromRow(rows[0]);
}

}  // namespace

domain::File FileFromRow(const db::Row& r) {
  domain::File f;
  f.name = r["name"].as<std::string>();
  f.position = r["position"].as<int>();
  f.media_type = r["media_type"].as<std::string>();
  f.size = r["size"].as<int64_t>();
  f.sha256 = r["sha256"].as<std::string>();
  f.uploaded_at = db::TimeOf(r["uploaded_at_us"]);
  return f;
}

absl::StatusOr<std::optional<StoredFile>> PgFileRepository::Find(db::Tx& tx,
                                                                 const std::string& document_id,
                                                                 int version,
                                                                 const std::string& name) {
  if (!values::IsUuid(document_id)) return std::nullopt;
  auto rows = tx.Exec(sql::kFilesFind, document_id, version, name);
  if (rows.empty()) return std::nullopt;
  return StoredFile{FileFromRow(rows[0]), rows[0]["blob_id"].as<std::string>()};
}

absl::StatusOr<domain::File> PgFileRepository::Insert(db::Tx& tx, const std::string& document_id,
                                                      int version, const FileContent& c) {
  return Written(tx.Exec(sql::kFilesInsert, document_id, version, c.name, c.media_type, c.blob.id,
                         c.blob.size, c.blob.sha256, c.text));
}

absl::StatusOr<domain::File> PgFileRepository::Replace(db::Tx& tx, const std::string& document_id,
                                                       int version, const FileContent& c) {
  return Written(tx.Exec(sql::kFilesReplace, document_id, version, c.name, c.media_type, c.blob.id,
                         c.blob.size, c.blob.sha256, c.text));
}

}  // namespace iris::documents::storage
