#include "services/documents/storage/pg_campaign_repository.hpp"

#include <nlohmann/json.hpp>

#include "documents_sql.hpp"
#include "libs/db/sorted_statements.hpp"
#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"

namespace iris::documents::storage {
namespace {

absl::Status NotFound() { return absl::NotFoundError("campaign not found"); }

std::string KeyMessagesJson(const std::vector<values::LocalizedText>& messages) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : messages) out.push_back(m);
  return out.dump();
}

std::vector<values::LocalizedText> KeyMessagesOf(const pqxx::field& f) {
  std::vector<values::LocalizedText> out;
  for (const auto& m : nlohmann::json::parse(f.c_str())) {
    values::LocalizedText text;
    for (const auto& [language, value] : m.items()) {
      if (value.is_string()) text[language] = value.get<std::string>();
    }
    out.push_back(std::move(text));
  }
  return out;
}

std::vector<std::string> AllLinkedDocuments(db::Tx& tx, const std::string& id) {
  std::vector<std::string> out;
  for (const auto& r : tx.Exec(sql::kCampaignDocumentsAll, id)) {
    out.push_back(r["document_id"].as<std::string>());
  }
  return out;
}

absl::StatusOr<domain::Campaign> Read(db::Tx& tx, const db::Statement& s, const std::string& id) {
  if (!values::IsUuid(id)) return NotFound();
  auto rows = tx.Exec(s, id);
  if (rows.empty()) return NotFound();
  auto c = CampaignFromRow(rows[0]);
  c.document_ids = AllLinkedDocuments(tx, id);
  return c;
}

void WriteLinks(db::Tx& tx, const std::string& id, const std::vector<std::string>& documents) {
  tx.Exec(sql::kCampaignDocumentsDelete, id);
  if (!documents.empty()) tx.Exec(sql::kCampaignDocumentsInsert, id, db::TextArray(documents));
}

}  // namespace

domain::Campaign CampaignFromRow(const db::Row& r) {
  domain::Campaign c;
  c.id = r["id"].as<std::string>();
  c.name = db::LocalizedTextOf(r["name"]);
  c.hashtag = r["hashtag"].as<std::string>();
  c.scope = r["scope"].as<std::string>();
  c.country = r["country"].as<std::string>();
  c.starts_on = r["starts_on"].as<std::string>();
  c.ends_on = r["ends_on"].as<std::string>();
  c.lead_organization_id = r["lead_organization_id"].as<std::string>();
  c.key_messages = KeyMessagesOf(r["key_messages"]);
  c.event_ids = db::TextArrayOf(r["event_ids"]);
  c.version = r["version"].as<int64_t>();
  c.created_at = db::TimeOf(r["created_at_us"]);
  c.updated_at = db::TimeOf(r["updated_at_us"]);
  return c;
}

absl::StatusOr<domain::Campaign> PgCampaignRepository::FindById(db::Tx& tx, const std::string& id) {
  return Read(tx, sql::kCampaignsFindById, id);
}

absl::StatusOr<domain::Campaign> PgCampaignRepository::FindForUpdate(db::Tx& tx,
                                                                     const std::string& id) {
  return Read(tx, sql::kCampaignsFindByIdForUpdate, id);
}

absl::StatusOr<domain::Campaign> PgCampaignRepository::Insert(db::Tx& tx,
                                                              const domain::Campaign& c) {
  auto rows = tx.Exec(sql::kCampaignsInsert, db::LocalizedTextJson(c.name), c.hashtag, c.scope,
                      c.country, c.starts_on, c.ends_on, c.lead_organization_id,
                      KeyMessagesJson(c.key_messages), db::TextArray(c.event_ids));
  auto saved = CampaignFromRow(rows.at(0));
  WriteLinks(tx, saved.id, c.document_ids);
  saved.document_ids = c.document_ids;
  return saved;
}

absl::StatusOr<domain::Campaign> PgCampaignRepository::Update(db::Tx& tx, const domain::Campaign& c,
                                                              int64_t version) {
  auto rows = tx.Exec(sql::kCampaignsUpdate, c.id, version, db::LocalizedTextJson(c.name),
                      c.hashtag, c.scope, c.country, c.starts_on, c.ends_on, c.lead_organization_id,
                      KeyMessagesJson(c.key_messages), db::TextArray(c.event_ids));
  if (rows.empty()) {
    return status::Conflict("stale_version",
                            "the campaign changed since you read it; fetch it and retry");
  }
  auto saved = CampaignFromRow(rows[0]);
  WriteLinks(tx, saved.id, c.document_ids);
  saved.document_ids = c.document_ids;
  return saved;
}

absl::StatusOr<pagination::Rows<domain::Campaign>> PgCampaignRepository::List(
    db::Tx& tx, const CampaignQuery& q) {
  const auto [key, id] = db::KeysetBindOf(q.page);
  const auto scope = db::AnyOf(q.scope), country = db::AnyOf(q.country);
  return db::ListRows<domain::Campaign>(
      sql::kCampaignsList, q.page,
      [&](const db::Statement& s, int rows) { return tx.Exec(s, scope, country, key, id, rows); },
      [](const db::Row& r) { return CampaignFromRow(r); });
}

absl::StatusOr<std::map<std::string, std::vector<std::string>>>
PgCampaignRepository::LinkedDocuments(db::Tx& tx, const Viewer& viewer,
                                      const std::vector<std::string>& campaign_ids) {
  std::map<std::string, std::vector<std::string>> out;
  if (campaign_ids.empty()) return out;
  for (const auto& r :
       tx.Exec(sql::kCampaignDocumentsList, viewer.admin, viewer.coordinator_country,
               viewer.member_organization, db::TextArray(campaign_ids))) {
    out[r["campaign_id"].as<std::string>()].push_back(r["document_id"].as<std::string>());
  }
  return out;
}

}  // namespace iris::documents::storage
