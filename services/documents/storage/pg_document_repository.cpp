#include "services/documents/storage/pg_document_repository.hpp"

#include "documents_sql.hpp"
#include "libs/db/sorted_statements.hpp"
#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"

namespace iris::documents::storage {
namespace {

absl::Status NotFound() { return absl::NotFoundError("document not found"); }

absl::StatusOr<domain::Document> Read(db::Tx& tx, const db::Statement& s, const std::string& id) {
  if (!values::IsUuid(id)) return NotFound();
  auto rows = tx.Exec(s, id);
  if (rows.empty()) return NotFound();
  return DocumentFromRow(rows[0]);
}

}  // namespace

Viewer ViewerOf(const identity::Caller& caller) {
  Viewer v;
  v.admin = caller.IsNetworkAdmin();
  if (caller.IsCoordinator()) v.coordinator_country = caller.country;
  if (caller.IsMember() && values::IsUuid(caller.organization_id)) {
    v.member_organization = caller.organization_id;
  }
  return v;
}

absl::StatusOr<domain::Document> DocumentFromRow(const db::Row& r) {
  const auto status = domain::ParseDocumentStatus(r["status"].as<std::string>());
  if (!status) return absl::InternalError("document row with unknown status");
  domain::Document d;
  d.id = r["id"].as<std::string>();
  d.kind = r["kind"].as<std::string>();
  d.title = db::LocalizedTextOf(r["title"]);
  d.summary = db::LocalizedTextOf(r["summary"]);
  d.countries = db::TextArrayOf(r["countries"]);
  d.topics = db::TextArrayOf(r["topics"]);
  d.languages = db::TextArrayOf(r["languages"]);
  d.organization_ids = db::TextArrayOf(r["organization_ids"]);
  d.authors = db::TextArrayOf(r["authors"]);
  d.status = *status;
  d.status_note = r["status_note"].as<std::string>();
  d.status_changed_at = db::OptionalTimeOf(r["status_changed_at_us"]);
  d.published_at = db::OptionalTimeOf(r["published_at_us"]);
  d.latest_version = r["latest_version"].as<int>();
  d.published_version = r["published_version"].as<int>();
  d.version = r["version"].as<int64_t>();
  d.created_at = db::TimeOf(r["created_at_us"]);
  d.updated_at = db::TimeOf(r["updated_at_us"]);
  return d;
}

absl::StatusOr<domain::Document> PgDocumentRepository::FindById(db::Tx& tx, const std::string& id) {
  return Read(tx, sql::kDocumentsFindById, id);
}

absl::StatusOr<domain::Document> PgDocumentRepository::FindForUpdate(db::Tx& tx,
                                                                     const std::string& id) {
  return Read(tx, sql::kDocumentsFindByIdForUpdate, id);
}

absl::StatusOr<domain::Document> PgDocumentRepository::Insert(db::Tx& tx,
                                                              const domain::Document& d) {
  auto rows = tx.Exec(sql::kDocumentsInsert, d.kind, db::LocalizedTextJson(d.title),
                      db::LocalizedTextJson(d.summary), db::TextArray(d.countries),
                      db::TextArray(d.topics), db::TextArray(d.languages),
                      db::TextArray(d.organization_ids), db::TextArray(d.authors));
  const std::string id = rows.at(0)["id"].as<std::string>();
  IRIS_RETURN_IF_ERROR(RefreshSearch(tx, id));
  return FindById(tx, id);
}

absl::StatusOr<domain::Document> PgDocumentRepository::Update(db::Tx& tx, const domain::Document& d,
                                                              int64_t version) {
  auto rows = tx.Exec(sql::kDocumentsUpdate, d.id, version, d.kind, db::LocalizedTextJson(d.title),
                      db::LocalizedTextJson(d.summary), db::TextArray(d.countries),
                      db::TextArray(d.topics), db::TextArray(d.languages),
                      db::TextArray(d.organization_ids), db::TextArray(d.authors));
  if (rows.empty()) {
    return status::Conflict("stale_version",
                            "the document changed since you read it; fetch it and retry");
  }
  IRIS_RETURN_IF_ERROR(RefreshSearch(tx, d.id));
  return FindById(tx, d.id);
}

absl::StatusOr<domain::Document> PgDocumentRepository::SetStatus(db::Tx& tx, const std::string& id,
                                                                 domain::DocumentStatus from,
                                                                 domain::DocumentStatus to,
                                                                 const std::string& note,
                                                                 bool publishes_latest) {
  auto rows = tx.Exec(sql::kDocumentsSetStatus, id, std::string(domain::DocumentStatusWord(from)),
                      std::string(domain::DocumentStatusWord(to)), note, publishes_latest);
  if (rows.empty()) {
    return status::Conflict(
        "invalid_transition",
        "the document is no longer " + std::string(domain::DocumentStatusWord(from)));
  }
  return DocumentFromRow(rows[0]);
}

absl::Status PgDocumentRepository::RefreshSearch(db::Tx& tx, const std::string& id) {
  const auto r = tx.Exec(sql::kDocumentsRefreshSearch, id);
  if (r.empty() || r[0][0].is_null()) return NotFound();
  return absl::OkStatus();
}

absl::StatusOr<pagination::Rows<domain::Document>> PgDocumentRepository::List(
    db::Tx& tx, const DocumentQuery& q) {
  const auto [key, id] = db::KeysetBindOf(q.page);
  const auto& f = q.filters;
  const auto kind = db::AnyOf(f.kind), country = db::AnyOf(f.country), topic = db::AnyOf(f.topic),
             language = db::AnyOf(f.language), year = db::AnyOf(f.year),
             status = db::AnyOf(f.status);
  return db::ListRows<domain::Document>(
      sql::kDocumentsList, q.page,
      [&](const db::Statement& s, int rows) {
        return tx.Exec(s, q.viewer.admin, q.viewer.coordinator_country,
                       q.viewer.member_organization, kind, country, topic, language, year, status,
                       key, id, rows);
      },
      [](const db::Row& r) { return DocumentFromRow(r); });
}

absl::StatusOr<std::vector<domain::Document>> PgDocumentRepository::Search(db::Tx& tx,
                                                                           const SearchQuery& q) {
  const auto& f = q.filters;
  std::vector<domain::Document> out;
  db::ColumnMemo memo;
  for (const auto& raw :
       tx.Exec(sql::kDocumentsSearch, q.viewer.admin, q.viewer.coordinator_country,
               q.viewer.member_organization, db::AnyOf(f.kind), db::AnyOf(f.country),
               db::AnyOf(f.topic), db::AnyOf(f.language), db::AnyOf(f.year), db::AnyOf(f.status),
               q.q, pagination::RowsToFetch(q.limit), q.offset)) {
    IRIS_ASSIGN_OR_RETURN(auto d, DocumentFromRow(db::Row(raw, &memo)));
    out.push_back(std::move(d));
  }
  return out;
}

absl::StatusOr<std::vector<FacetCount>> PgDocumentRepository::Facets(db::Tx& tx,
                                                                     const SearchQuery& q) {
  const auto& f = q.filters;
  std::vector<FacetCount> out;
  for (const auto& r : tx.Exec(sql::kDocumentsFacets, q.viewer.admin, q.viewer.coordinator_country,
                               q.viewer.member_organization, db::AnyOf(f.kind),
                               db::AnyOf(f.country), db::AnyOf(f.topic), db::AnyOf(f.language),
                               db::AnyOf(f.year), db::AnyOf(f.status), q.q)) {
    out.push_back(
        {r["facet"].as<std::string>(), r["value"].as<std::string>(), r["count"].as<int64_t>()});
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> PgDocumentRepository::VisibleIds(
    db::Tx& tx, const Viewer& viewer, const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  if (ids.empty()) return out;
  for (const auto& r : tx.Exec(sql::kDocumentsVisibleIds, viewer.admin, viewer.coordinator_country,
                               viewer.member_organization, db::TextArray(ids))) {
    out.push_back(r["id"].as<std::string>());
  }
  return out;
}

}  // namespace iris::documents::storage
