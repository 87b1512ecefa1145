#include "services/documents/domain/document_workflow.hpp"

#include "absl/strings/str_cat.h"

namespace iris::documents::domain {
namespace {

Step Refuse(std::string message) {
  Step s;
  s.refusal = std::move(message);
  return s;
}

std::string NeedsFile(const Document& d) {
  if (d.latest_version == 0) {
    return "the document has no version yet: create one (POST /v1/documents/{id}/versions) and "
           "upload its main file first";
  }
  return absl::StrCat("version ", d.latest_version,
                      " has no file yet: upload its main file (PUT /v1/documents/{id}/versions/",
                      d.latest_version, "/files/{name}) first");
}

}  // namespace

std::string_view DocumentVerbWord(DocumentVerb v) {
  switch (v) {
    case DocumentVerb::kSubmit: return "submit";
    case DocumentVerb::kPublish: return "publish";
    case DocumentVerb::kArchive: return "archive";
  }
  return "submit";
}

std::string_view DocumentEventWord(DocumentVerb v) {
  switch (v) {
    case DocumentVerb::kSubmit: return "submitted";
    case DocumentVerb::kPublish: return "published";
    case DocumentVerb::kArchive: return "archived";
  }
  return "updated";
}

Step Plan(const Document& d, DocumentVerb verb, int latest_files) {
  const std::string status(DocumentStatusWord(d.status));
  switch (verb) {
    case DocumentVerb::kSubmit:
      if (d.status != DocumentStatus::kDraft) {
        return Refuse("only a draft is submitted; this document is " + status);
      }
      if (latest_files == 0) return Refuse(NeedsFile(d));
      return Step{.to = DocumentStatus::kInReview, .publishes_latest = false, .refusal = ""};
    case DocumentVerb::kPublish:
      if (d.status == DocumentStatus::kDraft) {
        return Refuse("a draft is submitted for review (POST .../submit) before it is published");
      }
      if (d.status == DocumentStatus::kArchived) {
        return Refuse("an archived document is history: it is not published again");
      }
      if (d.status == DocumentStatus::kPublished && d.latest_version <= d.published_version) {
        return Refuse(absl::StrCat("version ", d.published_version,
                                   " is already published; create a new version to publish a "
                                   "revision"));
      }
      if (latest_files == 0) return Refuse(NeedsFile(d));
      return Step{.to = DocumentStatus::kPublished, .publishes_latest = true, .refusal = ""};
    case DocumentVerb::kArchive:
      if (d.status != DocumentStatus::kPublished) {
        return Refuse("only a published document is archived; this document is " + status);
      }
      return Step{.to = DocumentStatus::kArchived, .publishes_latest = false, .refusal = ""};
  }
  return Refuse("unknown verb");
}

}  // namespace iris::documents::domain
