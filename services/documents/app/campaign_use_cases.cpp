#include "services/documents/app/campaign_use_cases.hpp"

#include <set>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/members/organization_check.hpp"
#include "libs/status/list_filters.hpp"
#include "libs/status/status.hpp"
#include "libs/values/reference_codes.hpp"
#include "services/documents/app/document_changes.hpp"
#include "services/documents/domain/sent_element.hpp"

namespace iris::documents::app {
namespace {

absl::Status NotFound() { return absl::NotFoundError("campaign not found"); }

db::Change ChangeOf(const domain::Campaign& c, std::string event, std::string action,
                    nlohmann::json audit) {
  db::Change change;
  change.type = "documents.campaign." + event;
  change.subject_type = "campaign";
  change.subject_id = c.id;
  change.country = c.country;
  change.payload = {{"id", c.id},
                    {"scope", c.scope},
                    {"country", c.country},
                    {"hashtag", c.hashtag},
                    {"version", c.version}};
  change.action = std::move(action);
  change.audit = std::move(audit);
  return change;
}

absl::Status Refused(const identity::Caller& caller) {
  if (caller.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  return absl::PermissionDeniedError(
      "network admins manage campaigns; national coordinators the national campaigns of their "
      "country");
}

}  // namespace

absl::Status CampaignUseCases::CheckLinks(const identity::Caller& caller,
                                          const domain::Campaign& next,
                                          const domain::Campaign* before,
                                          const domain::CampaignPatch& sent) {
  std::vector<values::InvalidField> problems;
  if (!next.lead_organization_id.empty() &&
      (!before || before->lead_organization_id != next.lead_organization_id)) {
    IRIS_ASSIGN_OR_RETURN(auto org, membership_.Organization(caller, next.lead_organization_id));
    members::CheckActiveMember(org, "lead_organization_id", problems);
  }
  std::vector<std::string> added_documents;
  for (const auto& id : next.document_ids) {
    if (!before || !absl::c_linear_search(before->document_ids, id)) added_documents.push_back(id);
  }
  if (!added_documents.empty()) {
    IRIS_ASSIGN_OR_RETURN(auto visible, pool_.Read([&](db::Tx& tx) {
      return documents_.VisibleIds(tx, storage::ViewerOf(caller), added_documents);
    }));
    for (const auto& id : added_documents) {
      if (!absl::c_linear_search(visible, id)) {
        problems.push_back({domain::SentElement("document_ids", sent.document_ids, id),
                            "is no document you can see (GET /v1/documents)"});
      }
    }
  }
  for (const auto& id : next.event_ids) {
    if (before && absl::c_linear_search(before->event_ids, id))
      continue;  // checked when it was linked
    IRIS_ASSIGN_OR_RETURN(auto event, events_.Event(caller, id));
    if (!event.exists) {
      problems.push_back({domain::SentElement("event_ids", sent.event_ids, id),
                          "is no event you can see (GET /v1/events)"});
    }
  }
  IRIS_RETURN_IF_ERROR(status::Validation(problems));
  return members::CheckTimeLeftToWrite(caller);
}

absl::Status CampaignUseCases::FilterEvents(const identity::Caller& caller,
                                            std::vector<domain::Campaign>& campaigns) {
  std::map<std::string, bool> seen;
  for (auto& c : campaigns) {
    std::vector<std::string> kept;
    for (const auto& id : c.event_ids) {
      auto it = seen.find(id);
      if (it == seen.end()) {
        IRIS_ASSIGN_OR_RETURN(auto event, events_.Event(caller, id));
        it = seen.emplace(id, event.exists).first;
      }
      if (it->second) kept.push_back(id);
    }
    c.event_ids = std::move(kept);
  }
  return absl::OkStatus();
}

absl::StatusOr<domain::Campaign> CampaignUseCases::Create(const identity::Caller& caller,
                                                          const domain::CampaignPatch& fields) {
  if (!caller.IsNetworkAdmin() && !caller.IsCoordinator()) return Refused(caller);
  domain::Campaign c;
  auto problems = domain::NewCampaign(fields, &c);
  if (!problems.empty()) return status::Validation(problems);
  if (!domain::CanManage(caller, c)) return Refused(caller);
  // Membership and events before any transaction: no lock is held while they answer, and when
  // one does not answer nothing was written.
  IRIS_RETURN_IF_ERROR(CheckLinks(caller, c, nullptr, fields));
  return pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Campaign> {
    IRIS_ASSIGN_OR_RETURN(auto saved, campaigns_.Insert(tx, c));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller, ChangeOf(saved, "created", "create", nlohmann::json::object())));
    return saved;
  });
}

absl::StatusOr<domain::Campaign> CampaignUseCases::Get(const identity::Caller& caller,
                                                       const std::string& id) {
  auto c = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<domain::Campaign> {
    IRIS_ASSIGN_OR_RETURN(auto c, campaigns_.FindById(tx, id));
    IRIS_ASSIGN_OR_RETURN(auto linked,
                          campaigns_.LinkedDocuments(tx, storage::ViewerOf(caller), {c.id}));
    c.document_ids = std::move(linked[c.id]);
    return c;
  });
  if (absl::IsNotFound(c.status())) return NotFound();
  IRIS_RETURN_IF_ERROR(c.status());
  std::vector<domain::Campaign> one{*std::move(c)};
  IRIS_RETURN_IF_ERROR(FilterEvents(caller, one));
  return one.front();
}

absl::StatusOr<domain::Campaign> CampaignUseCases::Update(const identity::Caller& caller,
                                                          const std::string& id,
                                                          const domain::CampaignPatch& fields,
                                                          int64_t expected_version) {
  // The links as the caller sent them, plus those it could not see (kept for who can): the
  // same in the check and under the lock.
  auto merge = [&](domain::Campaign& next, const domain::Campaign& stored,
                   const domain::Campaign& seen) {
    if (fields.document_ids) {
      for (const auto& d : stored.document_ids) {
        if (!absl::c_linear_search(seen.document_ids, d) &&
            !absl::c_linear_search(next.document_ids, d)) {
          next.document_ids.push_back(d);
        }
      }
    }
    if (fields.event_ids) {
      for (const auto& e : stored.event_ids) {
        if (!absl::c_linear_search(seen.event_ids, e) && !absl::c_linear_search(next.event_ids, e))
          next.event_ids.push_back(e);
      }
    }
  };
  auto stored = pool_.Read([&](db::Tx& tx) { return campaigns_.FindById(tx, id); });
  if (absl::IsNotFound(stored.status())) return NotFound();
  IRIS_RETURN_IF_ERROR(stored.status());
  if (!domain::CanManage(caller, *stored)) return Refused(caller);
  IRIS_ASSIGN_OR_RETURN(auto seen, Get(caller, id));
  domain::Campaign next = seen;
  {
    std::vector<std::string> changed;
    auto problems = domain::ApplyPatch(fields, &next, &changed);
    if (!problems.empty()) return status::Validation(problems);
    if (!domain::CanManage(caller, next)) return Refused(caller);
    IRIS_RETURN_IF_ERROR(CheckLinks(caller, next, &seen, fields));
  }
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Campaign> {
    IRIS_ASSIGN_OR_RETURN(auto current, campaigns_.FindForUpdate(tx, id));
    if (!domain::CanManage(caller, current)) return Refused(caller);
    IRIS_RETURN_IF_ERROR(status::CheckVersion("campaign", current.version, expected_version));
    domain::Campaign patched = current;
    patched.document_ids = seen.document_ids;
    patched.event_ids = seen.event_ids;
    std::vector<std::string> changed;
    auto problems = domain::ApplyPatch(fields, &patched, &changed);
    if (!problems.empty()) return status::Validation(problems);
    if (!domain::CanManage(caller, patched)) return Refused(caller);
    merge(patched, current, seen);
    if (changed.empty()) return current;
    IRIS_ASSIGN_OR_RETURN(auto saved, campaigns_.Update(tx, patched, current.version));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller, ChangeOf(saved, "updated", "update", {{"fields", changed}})));
    return saved;
  });
  if (absl::IsNotFound(result.status())) return NotFound();
  IRIS_RETURN_IF_ERROR(result.status());
  return Get(caller, id);
}

absl::StatusOr<pagination::Page<domain::Campaign>> CampaignUseCases::List(
    const identity::Caller& caller, const CampaignListRequest& req) {
  storage::CampaignQuery q;
  q.scope = req.scope;
  q.country = req.country;
  for (auto& c : q.country) absl::AsciiStrToUpper(&c);
  status::Validator v;
  const auto& scopes = domain::CampaignScopes();
  status::CheckAllowed("scope", q.scope, {scopes.begin(), scopes.end()}, v);
  status::CheckAllowed("country", q.country, values::CountryCodes(), v, &req.country);
  pagination::PageParams params = req.page;
  if (params.sort.empty()) params.sort = "-starts_on";  // the latest campaigns first
  auto paging = pagination::KeysetRequestOf(params, storage::kCampaignSorts);
  if (status::Collect(paging.status(), v)) q.page = *paging;
  IRIS_RETURN_IF_ERROR(v.FinishMalformed());
  IRIS_ASSIGN_OR_RETURN(
      auto rows, pool_.Read([&](db::Tx& tx) -> absl::StatusOr<pagination::Rows<domain::Campaign>> {
        IRIS_ASSIGN_OR_RETURN(auto rows, campaigns_.List(tx, q));
        std::vector<std::string> ids;
        for (const auto& c : rows.rows) ids.push_back(c.id);
        IRIS_ASSIGN_OR_RETURN(auto linked,
                              campaigns_.LinkedDocuments(tx, storage::ViewerOf(caller), ids));
        for (auto& c : rows.rows) c.document_ids = std::move(linked[c.id]);
        return rows;
      }));
  auto page = pagination::PageOf(std::move(rows), q.page, storage::kCampaignSorts);
  IRIS_RETURN_IF_ERROR(FilterEvents(caller, page.items));
  return page;
}

}  // namespace iris::documents::app
