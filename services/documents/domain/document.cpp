#include "services/documents/domain/document.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/values/reference_codes.hpp"
#include "libs/values/uuid.hpp"

namespace iris::documents::domain {
namespace {

constexpr std::array<std::string_view, 9> kReadOnly{
    "id",      "status",          "status_note", "status_changed_at", "published_at",
    "version", "current_version", "created_at",  "updated_at"};

constexpr values::CodeList kCountryList{"countries", "country", "GET /v1/countries", kMaxCountries};
constexpr values::CodeList kLanguageList{"languages", "language", "GET /v1/languages",
                                         kMaxLanguages};

void Add(std::vector<InvalidField>* problems, std::string field, std::string message) {
  problems->push_back({std::move(field), std::move(message)});
}

void ApplyFields(const DocumentPatch& p, Document* d, bool creating,
                 std::vector<InvalidField>* problems) {
  for (const auto& f : p.read_only_sent) Add(problems, f, "is read-only; the server sets it");
  for (const auto& f : p.unknown_sent) Add(problems, f, "is not a field of a document");
  const auto& kinds = DocumentKinds();
  if (p.kind) {
    if (std::find(kinds.begin(), kinds.end(), *p.kind) != kinds.end()) {
      d->kind = *p.kind;
    } else {
      Add(problems, "kind",
          (p.kind->empty() ? "is required: one of " : "must be one of ") +
              absl::StrJoin(kinds, ", "));
    }
  } else if (creating) {
    Add(problems, "kind", "is required: one of " + absl::StrJoin(kinds, ", "));
  }
  const auto& langs = values::LanguageCodes();
  if (p.title) {
    d->title = values::CheckLocalizedText(*p.title, "title", langs, kMaxTitle, problems);
    if (p.title->empty()) Add(problems, "title", "is required: a map of language to text");
  } else if (creating) {
    Add(problems, "title", "is required: a map of language to text, such as {\"en\": ...}");
  }
  if (p.summary) {
    d->summary = values::CheckLocalizedText(*p.summary, "summary", langs, kMaxSummary, problems);
  }
  if (p.countries) {
    std::vector<std::string> upper = *p.countries;
    for (auto& c : upper) absl::AsciiStrToUpper(&c);
    d->countries = values::CheckCodeList(upper, values::CountryCodes(), kCountryList, problems);
  }
  if (p.languages) {
    d->languages = values::CheckCodeList(*p.languages, langs, kLanguageList, problems);
  }
  if (p.topics) {
    if (p.topics->size() > kMaxTopics) {
      Add(problems, "topics", absl::StrCat("must list at most ", kMaxTopics, " topics"));
    } else {
      std::vector<std::string> topics;
      for (size_t i = 0; i < p.topics->size(); ++i) {
        const std::string t(absl::StripAsciiWhitespace((*p.topics)[i]));
        if (!IsTopicSlug(t) || t.size() > kMaxTopicChars) {
          Add(problems, absl::StrCat("topics[", i, "]"),
              absl::StrCat("must be a lower-case slug such as social-services (letters, digits "
                           "and single hyphens), at most ",
                           kMaxTopicChars, " characters"));
        } else if (std::find(topics.begin(), topics.end(), t) == topics.end()) {
          topics.push_back(t);
        }
      }
      d->topics = std::move(topics);
    }
  }
  if (p.organization_ids) {
    const auto& sent = *p.organization_ids;
    if (sent.size() > kMaxOrganizations) {
      Add(problems, "organization_ids",
          absl::StrCat("must list at most ", kMaxOrganizations, " organisations"));
    } else {
      std::set<std::string> seen;
      std::vector<std::string> ids;
      for (size_t i = 0; i < sent.size(); ++i) {
        const std::string id = absl::AsciiStrToLower(sent[i]);
        if (!values::IsUuid(id)) {
          Add(problems, absl::StrCat("organization_ids[", i, "]"),
              "must be the id of a member organisation");
        } else if (seen.insert(id).second) {
          ids.push_back(id);
        }
      }
      d->organization_ids = std::move(ids);
      if (!creating && d->organization_ids.empty()) {
        Add(problems, "organization_ids", "must list at least one member organisation");
      }
    }
  }
  if (p.authors) {
    if (p.authors->size() > kMaxAuthors) {
      Add(problems, "authors", absl::StrCat("must list at most ", kMaxAuthors, " authors"));
    } else {
      std::vector<std::string> authors;
      for (size_t i = 0; i < p.authors->size(); ++i) {
        std::string a(absl::StripAsciiWhitespace((*p.authors)[i]));
        if (a.empty() || values::CharCount(a) > kMaxAuthorChars) {
          Add(problems, absl::StrCat("authors[", i, "]"),
              absl::StrCat("must be a name of 1 to ", kMaxAuthorChars, " characters"));
        } else {
          authors.push_back(std::move(a));
        }
      }
      d->authors = std::move(authors);
    }
  }
}

}  // namespace

std::string_view DocumentStatusWord(DocumentStatus s) {
  switch (s) {
    case DocumentStatus::kDraft: return "draft";
    case DocumentStatus::kInReview: return "in_review";
    case DocumentStatus::kPublished: return "published";
    case DocumentStatus::kArchived: return "archived";
  }
  return "draft";
}

std::optional<DocumentStatus> ParseDocumentStatus(std::string_view word) {
  for (auto s : kAllDocumentStatuses) {
    if (DocumentStatusWord(s) == word) return s;
  }
  return std::nullopt;
}

const std::vector<std::string>& DocumentKinds() {
  static const std::vector<std::string> kAll{
      "shadow_report", "policy_brief", "assessment", "briefing", "newsletter",
      "case_study",    "guide",        "strategy",   "report",   "other"};
  return kAll;
}

bool IsReadOnlyDocumentField(std::string_view field) {
  return std::find(kReadOnly.begin(), kReadOnly.end(), field) != kReadOnly.end();
}

bool IsTopicSlug(std::string_view topic) {
  if (topic.empty() || topic.front() == '-' || topic.back() == '-') return false;
  char previous = 0;
  for (char c : topic) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!word && !(c == '-' && previous != '-')) return false;
    previous = c;
  }
  return true;
}

std::vector<InvalidField> NewDocument(const DocumentPatch& patch, Document* out) {
  std::vector<InvalidField> problems;
  *out = Document{};
  ApplyFields(patch, out, /*creating=*/true, &problems);
  return problems;
}

std::vector<InvalidField> ApplyPatch(const DocumentPatch& patch, Document* doc,
                                     std::vector<std::string>* changed) {
  std::vector<InvalidField> problems;
  const Document before = *doc;
  ApplyFields(patch, doc, /*creating=*/false, &problems);
  const Document& d = *doc;
  struct Compared {
    std::string_view field;
    bool differs;
  };
  const Compared fields[] = {
      {"kind", d.kind != before.kind},
      {"title", d.title != before.title},
      {"summary", d.summary != before.summary},
      {"countries", d.countries != before.countries},
      {"topics", d.topics != before.topics},
      {"languages", d.languages != before.languages},
      {"organization_ids", d.organization_ids != before.organization_ids},
      {"authors", d.authors != before.authors},
  };
  for (const auto& f : fields) {
    if (f.differs) changed->emplace_back(f.field);
  }
  return problems;
}

std::string SingleCountry(const Document& d) {
  return d.countries.size() == 1 ? d.countries.front() : "";
}

}  // namespace iris::documents::domain
