#include "services/documents/app/document_changes.hpp"

namespace iris::documents::app {

db::Change DocumentChange(const domain::Document& d, std::string type, std::string action,
                          nlohmann::json audit, const nlohmann::json& extra) {
  db::Change change;
  change.type = std::move(type);
  change.subject_type = "document";
  change.subject_id = d.id;
  // A national document routes to its country; a regional one to each it names (the payload's
  // countries, which notifications reads when the message names no single country).
  change.country = domain::SingleCountry(d);
  change.payload = {
      {"id", d.id},
      {"document_id", d.id},
      {"status", domain::DocumentStatusWord(d.status)},
      {"kind", d.kind},
      {"countries", d.countries},
      {"organization_id",
       d.organization_ids.empty() ? nlohmann::json() : nlohmann::json(d.organization_ids.front())},
      {"organization_ids", d.organization_ids},
      {"latest_version", d.latest_version},
      {"published_version", d.published_version},
      {"version", d.version}};
  if (extra.is_object()) {
    for (const auto& [key, value] : extra.items()) change.payload[key] = value;
  }
  change.action = std::move(action);
  change.audit = std::move(audit);
  return change;
}

}  // namespace iris::documents::app
