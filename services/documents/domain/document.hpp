// Documents: shadow reports, assessments, briefings and the rest of the network's library, with
// their fields and the rules a create or a patch must keep. Pure rules: no I/O, no proto.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libs/values/text_rules.hpp"
#include "libs/values/types.hpp"

namespace iris::documents::domain {

using values::InvalidField;
using values::LocalizedText;
using values::Time;

enum class DocumentStatus { kDraft, kInReview, kPublished, kArchived };
std::string_view DocumentStatusWord(DocumentStatus s);  // "in_review", as stored and on the wire
std::optional<DocumentStatus> ParseDocumentStatus(std::string_view word);
inline constexpr DocumentStatus kAllDocumentStatuses[] = {
    DocumentStatus::kDraft, DocumentStatus::kInReview, DocumentStatus::kPublished,
    DocumentStatus::kArchived};

// The kinds API.md settles (V001's CHECK has the same words).
const std::vector<std::string>& DocumentKinds();

// Limits a client meets as 422s (docs/openapi.yaml says the same).
inline constexpr size_t kMaxTitle = 500;     // characters per language
inline constexpr size_t kMaxSummary = 5000;  // characters per language
inline constexpr size_t kMaxTopics = 20;
inline constexpr size_t kMaxTopicChars = 60;
inline constexpr size_t kMaxCountries = 7;
inline constexpr size_t kMaxLanguages = 10;
inline constexpr size_t kMaxOrganizations = 20;
inline constexpr size_t kMaxAuthors = 50;
inline constexpr size_t kMaxAuthorChars = 200;
inline constexpr size_t kMaxStatusNote = 2000;

struct Document {
  std::string id;
  std::string kind;
  LocalizedText title;
  LocalizedText summary;               // empty: none
  std::vector<std::string> countries;  // one: national; none or several: regional
  std::vector<std::string> topics;
  std::vector<std::string> languages;
  std::vector<std::string> organization_ids;
  std::vector<std::string> authors;
  DocumentStatus status = DocumentStatus::kDraft;
  std::string status_note;
  std::optional<Time> status_changed_at;
  std::optional<Time> published_at;  // first publication
  int latest_version = 0;            // 0: no version yet
  int published_version = 0;         // 0: none published
  int64_t version = 1;               // optimistic concurrency, not a file version
  Time created_at;
  Time updated_at;
};

// The fields a client writes, each set only when it was sent (an empty value: sent empty or
// null, which clears an optional field and fails a required one).
struct DocumentPatch {
  std::optional<std::string> kind;
  std::optional<LocalizedText> title, summary;
  std::optional<std::vector<std::string>> countries, topics, languages, organization_ids, authors;
  std::vector<std::string> read_only_sent;  // status, version, ...
  std::vector<std::string> unknown_sent;
};

// Fields the server owns; a client naming one gets 422 on that field.
bool IsReadOnlyDocumentField(std::string_view field);

// A topic slug: lower-case words of letters and digits joined by single hyphens.
bool IsTopicSlug(std::string_view topic);

// A new draft from `patch`: every required field present, every rule checked, every problem
// at once, named as the body names them ("title.en", "topics[2]"). organization_ids may be
// left empty here: the use case fills in a member's own organisation.
std::vector<InvalidField> NewDocument(const DocumentPatch& patch, Document* out);
// Applies the patch to `doc` and returns every problem at once; names of changed fields go to
// *changed (for the audit log).
std::vector<InvalidField> ApplyPatch(const DocumentPatch& patch, Document* doc,
                                     std::vector<std::string>* changed);

// The one country of a national document; "" for a regional one.
std::string SingleCountry(const Document& d);

}  // namespace iris::documents::domain
