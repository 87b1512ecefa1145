// The document's workflow draft -> in_review -> published -> archived, and the publication of
// a revision (a published document whose latest version is not published yet). Pure rules.
#pragma once

#include <string>
#include <string_view>

#include "services/documents/domain/document.hpp"

namespace iris::documents::domain {

enum class DocumentVerb { kSubmit, kPublish, kArchive };
std::string_view DocumentVerbWord(DocumentVerb v);   // "submit", the route's verb
std::string_view DocumentEventWord(DocumentVerb v);  // "submitted", of documents.document.<word>

// What a verb does to a document as it is now.
struct Step {
  DocumentStatus to = DocumentStatus::kDraft;
  bool publishes_latest = false;  // the latest version becomes published (sealed for good)
  std::string refusal;            // not empty: the verb is not allowed (409 invalid_transition)
};

// `latest_files`: how many files the document's latest version holds (0 without a version).
// Submitting and publishing need a latest version with a file: that version is what readers
// will get.
Step Plan(const Document& d, DocumentVerb verb, int latest_files);

}  // namespace iris::documents::domain
