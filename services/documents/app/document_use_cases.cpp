#include "services/documents/app/document_use_cases.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/members/organization_check.hpp"
#include "libs/status/list_filters.hpp"
#include "libs/status/status.hpp"
#include "libs/status/verbs.hpp"
#include "libs/values/reference_codes.hpp"
#include "services/documents/app/document_changes.hpp"
#include "services/documents/domain/document_access.hpp"
#include "services/documents/domain/sent_element.hpp"

namespace iris::documents::app {
namespace {

absl::Status NotFound() { return absl::NotFoundError("document not found"); }

std::set<std::string> SetOf(const std::vector<std::string>& words) {
  return {words.begin(), words.end()};
}

// The rules of who creates what, beyond each field's own: a member's organisation is among the
// document's (it is the default), staff name at least one, a coordinator its country.
absl::Status CheckCreator(const identity::Caller& caller, domain::Document* d) {
  std::vector<values::InvalidField> problems;
  if (caller.IsMember() && !domain::IsStaff(caller)) {
    if (d->organization_ids.empty()) {
      d->organization_ids.push_back(absl::AsciiStrToLower(caller.organization_id));
    } else if (!absl::c_linear_search(d->organization_ids,
                                      absl::AsciiStrToLower(caller.organization_id))) {
      problems.push_back({"organization_ids", "must include your own organisation (" +
                                                  caller.organization_id +
                                                  "): members write documents for it"});
    }
  } else if (d->organization_ids.empty()) {
    problems.push_back(
        {"organization_ids", "is required: at least one member organisation the document is of"});
  }
  IRIS_RETURN_IF_ERROR(status::Validation(problems));
  if (domain::IsStaff(caller) && !domain::IsStaffFor(caller, *d)) {
    return absl::PermissionDeniedError(
        "a national coordinator writes documents of its own country: countries must include " +
        caller.country + " (regional documents without a country are network admins')");
  }
  return absl::OkStatus();
}

// The year filter's values, checked.
std::vector<std::string> Years(const std::vector<int>& years, status::Validator& v) {
  std::vector<std::string> out;
  for (int y : years) {
    if (y < 1900 || y > 9999) {
      v.Add("year", absl::StrCat("'", y, "' is no year from 1900 to 9999"));
    } else {
      out.push_back(absl::StrCat(y));
    }
  }
  return out;
}

}  // namespace

absl::Status RefuseChange(const identity::Caller& caller, const domain::Document& d,
                          std::string_view what) {
  if (!domain::CanSee(caller, d)) return NotFound();
  if (caller.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  if (!domain::IsStaffFor(caller, d) && !domain::IsOwnMember(caller, d)) {
    return absl::PermissionDeniedError(
        absl::StrCat("only members of the document's organisations, network admins and the "
                     "coordinators of its countries ",
                     std::string(what), " it"));
  }
  switch (d.status) {
    case domain::DocumentStatus::kInReview:
      return status::Conflict("invalid_transition",
                              "the document is in review: only network admins and the "
                              "coordinators of its countries change it now");
    case domain::DocumentStatus::kPublished:
      return status::Conflict("invalid_transition",
                              "a published document changes by a new version (POST "
                              "/v1/documents/{id}/versions), not in place");
    case domain::DocumentStatus::kArchived:
      return status::Conflict("invalid_transition",
                              "an archived document is history: it cannot be changed");
    case domain::DocumentStatus::kDraft: break;
  }
  return absl::PermissionDeniedError("you may not " + std::string(what) + " this document");
}

absl::Status DocumentUseCases::CheckOrganizations(
    const identity::Caller& caller, const domain::Document& next, const domain::Document* before,
    const std::optional<std::vector<std::string>>& sent) {
  std::vector<values::InvalidField> problems;
  for (const auto& id : next.organization_ids) {
    if (before && absl::c_linear_search(before->organization_ids, id))
      continue;  // checked when it was added
    IRIS_ASSIGN_OR_RETURN(auto org, membership_.Organization(caller, id));
    members::CheckActiveMember(org, domain::SentElement("organization_ids", sent, id), problems);
  }
  IRIS_RETURN_IF_ERROR(status::Validation(problems));
  return members::CheckTimeLeftToWrite(caller);
}

absl::StatusOr<domain::Document> DocumentUseCases::Create(const identity::Caller& caller,
                                                          const domain::DocumentPatch& fields) {
  if (caller.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  if (!domain::IsStaff(caller) && !caller.IsMember()) {
    return absl::PermissionDeniedError(
        "members, network admins and national coordinators create documents");
  }
  domain::Document draft;
  auto problems = domain::NewDocument(fields, &draft);
  if (!problems.empty()) return status::Validation(problems);
  IRIS_RETURN_IF_ERROR(CheckCreator(caller, &draft));
  // Membership before any transaction: no lock is held while it answers, and when it does not
  // answer nothing was written.
  IRIS_RETURN_IF_ERROR(CheckOrganizations(caller, draft, nullptr, fields.organization_ids));
  return pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Document> {
    IRIS_ASSIGN_OR_RETURN(auto saved, documents_.Insert(tx, draft));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        DocumentChange(saved, "documents.document.created", "create", nlohmann::json::object())));
    return saved;
  });
}

absl::StatusOr<domain::Document> DocumentUseCases::Get(const identity::Caller& caller,
                                                       const std::string& id) {
  auto d = pool_.Read([&](db::Tx& tx) { return documents_.FindById(tx, id); });
  if (absl::IsNotFound(d.status())) return NotFound();
  IRIS_RETURN_IF_ERROR(d.status());
  if (!domain::CanSee(caller, *d)) return NotFound();
  return d;
}

absl::StatusOr<domain::Document> DocumentUseCases::Update(const identity::Caller& caller,
                                                          const std::string& id,
                                                          const domain::DocumentPatch& fields,
                                                          int64_t expected_version) {
  // The rules a patch must keep, beyond each field's own: a member keeps its organisation and
  // may add others but not drop them (else one organisation could take a shared draft over), a
  // coordinator keeps its country (else it would lock itself out).
  auto check = [&](const domain::Document& before, const domain::Document& next) -> absl::Status {
    if (!domain::IsStaff(caller)) {
      const std::string own = absl::AsciiStrToLower(caller.organization_id);
      for (const auto& org : before.organization_ids) {
        if (org != own && !absl::c_linear_search(next.organization_ids, org)) {
          return status::Invalid("organization_ids",
                                 "must keep " + org +
                                     ": members add organisations but only staff remove "
                                     "another organisation from a document");
        }
      }
    }
    if (domain::IsOwnMember(caller, next) || domain::IsStaffFor(caller, next)) {
      return absl::OkStatus();
    }
    if (domain::IsStaff(caller)) {
      return absl::PermissionDeniedError(
          "a national coordinator cannot move a document out of its country");
    }
    return status::Invalid("organization_ids",
                           "must keep your own organisation (" + caller.organization_id + ")");
  };
  // First without a lock: who may, what the patch breaks, membership for organisations the
  // patch adds; then again under the document's row lock, where it counts.
  IRIS_ASSIGN_OR_RETURN(auto seen, Get(caller, id));
  if (!domain::CanEdit(caller, seen)) return RefuseChange(caller, seen, "change");
  {
    domain::Document next = seen;
    std::vector<std::string> changed;
    auto problems = domain::ApplyPatch(fields, &next, &changed);
    if (!problems.empty()) return status::Validation(problems);
    IRIS_RETURN_IF_ERROR(check(seen, next));
    IRIS_RETURN_IF_ERROR(CheckOrganizations(caller, next, &seen, fields.organization_ids));
  }
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Document> {
    IRIS_ASSIGN_OR_RETURN(auto current, documents_.FindForUpdate(tx, id));
    if (!domain::CanEdit(caller, current)) return RefuseChange(caller, current, "change");
    IRIS_RETURN_IF_ERROR(status::CheckVersion("document", current.version, expected_version));
    domain::Document next = current;
    std::vector<std::string> changed;
    auto problems = domain::ApplyPatch(fields, &next, &changed);
    if (!problems.empty()) return status::Validation(problems);
    IRIS_RETURN_IF_ERROR(check(current, next));
    // Nothing changed: no new version, no message (a PATCH is idempotent).
    if (changed.empty()) return current;
    IRIS_ASSIGN_OR_RETURN(auto saved, documents_.Update(tx, next, current.version));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        DocumentChange(saved, "documents.document.updated", "update", {{"fields", changed}})));
    return saved;
  });
  if (absl::IsNotFound(result.status())) return NotFound();
  return result;
}

absl::StatusOr<DocumentList> DocumentUseCases::List(const identity::Caller& caller,
                                                    const DocumentListRequest& req) {
  storage::DocumentFilters f;
  f.kind = req.kind;
  f.country = req.country;
  for (auto& c : f.country) absl::AsciiStrToUpper(&c);
  f.topic = req.topic;
  f.language = req.language;
  f.status = req.status;
  status::Validator v;
  std::set<std::string> statuses;
  for (auto s : domain::kAllDocumentStatuses) statuses.emplace(domain::DocumentStatusWord(s));
  status::CheckAllowed("kind", f.kind, SetOf(domain::DocumentKinds()), v);
  status::CheckAllowed("country", f.country, values::CountryCodes(), v, &req.country);
  status::CheckAllowed("language", f.language, values::LanguageCodes(), v);
  status::CheckAllowed("status", f.status, statuses, v);
  for (const auto& t : f.topic) {
    if (!domain::IsTopicSlug(t) || t.size() > domain::kMaxTopicChars) {
      v.Add("topic", "'" + t.substr(0, 64) + "' is no topic slug (lower-case words and hyphens)");
    }
  }
  f.year = Years(req.year, v);
  const std::string q(absl::StripAsciiWhitespace(req.q));
  if (values::CharCount(q) > kMaxQueryChars) {
    v.Add("q", absl::StrCat("must be at most ", kMaxQueryChars, " characters"));
  }
  if (!q.empty()) {
    storage::SearchQuery search;
    search.viewer = storage::ViewerOf(caller);
    search.filters = f;
    search.q = q;
    return Search(caller, std::move(search), req.page, v);
  }
  pagination::PageParams params = req.page;
  if (params.sort.empty()) params.sort = "-updated_at";  // the newest changes first
  storage::DocumentQuery query;
  query.viewer = storage::ViewerOf(caller);
  query.filters = f;
  auto paging = pagination::KeysetRequestOf(params, storage::kDocumentSorts);
  if (status::Collect(paging.status(), v)) query.page = *paging;
  IRIS_RETURN_IF_ERROR(v.FinishMalformed());
  IRIS_ASSIGN_OR_RETURN(auto rows,
                        pool_.Read([&](db::Tx& tx) { return documents_.List(tx, query); }));
  DocumentList list;
  list.page = pagination::PageOf(std::move(rows), query.page, storage::kDocumentSorts);
  return list;
}

absl::StatusOr<DocumentList> DocumentUseCases::Search(const identity::Caller& caller,
                                                      storage::SearchQuery q,
                                                      const pagination::PageParams& page,
                                                      status::Validator& v) {
  (void)caller;  // the viewer in q says what it may see
  if (!page.sort.empty()) {
    v.Add("sort", "a list with q is ordered by relevance; leave sort out");
  }
  // The limit checked as every list checks it; the cursor is a ranked list's own: the offset
  // of the next row and the id of the last one.
  pagination::PageParams limit_only;
  limit_only.limit = page.limit;
  auto limit = pagination::KeysetRequestOf(limit_only, storage::kDocumentSorts);
  if (status::Collect(limit.status(), v)) q.limit = limit->limit;
  if (!page.cursor.empty()) {
    auto position = pagination::DecodeKeyset(page.cursor, pagination::KeyKind::kText);
    int offset = 0;
    if (status::Collect(position.status(), v)) {
      if (!*position || !absl::SimpleAtoi((*position)->key, &offset) || offset < 0 ||
          offset > kMaxSearchOffset) {
        v.Add("cursor", "is not a cursor of this list");
      } else {
        q.offset = offset;
      }
    }
  }
  IRIS_RETURN_IF_ERROR(v.FinishMalformed());
  struct Found {
    std::vector<domain::Document> rows;
    std::vector<storage::FacetCount> facets;
  };
  IRIS_ASSIGN_OR_RETURN(auto found, pool_.Read([&](db::Tx& tx) -> absl::StatusOr<Found> {
    Found out;
    IRIS_ASSIGN_OR_RETURN(out.rows, documents_.Search(tx, q));
    IRIS_ASSIGN_OR_RETURN(out.facets, documents_.Facets(tx, q));
    return out;
  }));
  DocumentList list;
  // A row's position is its offset in the ranking: the next page starts after it.
  std::map<std::string, int> ordinal;
  for (size_t i = 0; i < found.rows.size(); ++i) {
    ordinal[found.rows[i].id] = q.offset + static_cast<int>(i) + 1;
  }
  list.page.position = [ordinal](const domain::Document& d) {
    auto it = ordinal.find(d.id);
    return pagination::EncodeKeyset({absl::StrCat(it == ordinal.end() ? 0 : it->second), d.id});
  };
  const auto limit_rows = static_cast<size_t>(q.limit);
  if (found.rows.size() > limit_rows && q.offset + q.limit < kMaxSearchOffset) {
    found.rows.resize(limit_rows);
    list.page.next_cursor = list.page.position(found.rows.back());
  } else if (found.rows.size() > limit_rows) {
    found.rows.resize(limit_rows);
  }
  list.page.items = std::move(found.rows);
  // Each facet's values by count, most first, then by value.
  std::sort(found.facets.begin(), found.facets.end(), [](const auto& a, const auto& b) {
    if (a.facet != b.facet) return a.facet < b.facet;
    if (a.count != b.count) return a.count > b.count;
    return a.value < b.value;
  });
  list.facets = std::move(found.facets);
  return list;
}

absl::StatusOr<domain::Document> DocumentUseCases::Act(const identity::Caller& caller,
                                                       const std::string& id,
                                                       domain::DocumentVerb verb,
                                                       const std::string& note,
                                                       int64_t expected_version) {
  const std::string verb_word(domain::DocumentVerbWord(verb));
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Document> {
    // The document's row lock orders this step against new versions and uploads: what is
    // published is the latest version as it is at this moment, with its files.
    IRIS_ASSIGN_OR_RETURN(auto d, documents_.FindForUpdate(tx, id));
    if (!domain::CanSee(caller, d)) return NotFound();
    if (caller.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
    if (verb == domain::DocumentVerb::kSubmit) {
      if (!domain::IsStaffFor(caller, d) && !domain::IsOwnMember(caller, d)) {
        return absl::PermissionDeniedError(
            "only members of the document's organisations and its staff submit it");
      }
    } else if (!domain::CanPublish(caller, d)) {
      return absl::PermissionDeniedError(
          absl::StrCat("only network admins and the national coordinator of the document's "
                       "single country ",
                       verb_word, " it"));
    }
    IRIS_RETURN_IF_ERROR(status::CheckVersion("document", d.version, expected_version));
    IRIS_ASSIGN_OR_RETURN(auto trimmed, status::VerbNote(note, false, domain::kMaxStatusNote));
    IRIS_ASSIGN_OR_RETURN(int files, versions_.FileCount(tx, id, d.latest_version));
    const auto step = domain::Plan(d, verb, files);
    if (!step.refusal.empty()) return status::Conflict("invalid_transition", step.refusal);
    if (step.publishes_latest) {
      IRIS_RETURN_IF_ERROR(versions_.Publish(tx, id, d.latest_version));
    }
    IRIS_ASSIGN_OR_RETURN(auto saved, documents_.SetStatus(tx, id, d.status, step.to, trimmed,
                                                           step.publishes_latest));
    // Publication changes what every reader finds (search_public).
    IRIS_RETURN_IF_ERROR(documents_.RefreshSearch(tx, id));
    nlohmann::json audit = {{"from", domain::DocumentStatusWord(d.status)},
                            {"to", domain::DocumentStatusWord(step.to)}};
    if (step.publishes_latest) audit["published_version"] = saved.published_version;
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        DocumentChange(saved, "documents.document." + std::string(domain::DocumentEventWord(verb)),
                       verb_word, audit)));
    return saved;
  });
  if (absl::IsNotFound(result.status())) return NotFound();
  return result;
}

}  // namespace iris::documents::app
