// The message and audit entry of a change of a document, its versions or its files
// (documents.document.*, documents.version.created, documents.file.uploaded): one thin payload
// for all, as notifications' intake reads it (countries for country routing, organization_id
// for the organisation audience).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "libs/db/outbox.hpp"
#include "services/documents/domain/document.hpp"

namespace iris::documents::app {

// The schema every documents change is recorded in (db::RecordChange).
inline constexpr const char* kSchema = "documents";

// `type`: the full message type; `action`: the audit verb; `audit`: what changed. The payload
// carries id and document_id (the document), status, kind, countries, organization_id (the
// first organisation) and organization_ids, latest_version, published_version and the
// document's version; `extra` is merged into it (a version's number, a file's name).
db::Change DocumentChange(const domain::Document& d, std::string type, std::string action,
                          nlohmann::json audit,
                          const nlohmann::json& extra = nlohmann::json::object());

}  // namespace iris::documents::app
