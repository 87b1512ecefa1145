#include "services/membership/app/social_service_use_cases.hpp"

#include <set>

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "libs/db/outbox.hpp"
#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"
#include "services/membership/app/list_filters.hpp"
#include "services/membership/app/member_writes.hpp"

namespace iris::membership::app {
namespace {

constexpr const char* kSchema = "membership";

absl::Status OrgNotFound() { return absl::NotFoundError("organization not found"); }
absl::Status ServiceNotFound() { return absl::NotFoundError("service not found"); }

using status::Malformed;

// Thin payload: ids and states (ARCHITECTURE.md: subscribers fetch the rest).
db::Change ChangeOf(const domain::SocialService& s, const domain::Organization& org,
                    std::string type, std::string action, nlohmann::json audit) {
  db::Change c;
  c.type = std::move(type);
  c.subject_type = "service";
  c.subject_id = s.id;
  c.country = org.country;
  c.payload = {{"id", s.id},
               {"organization_id", s.organization_id},
               {"category", s.category},
               {"licensing_status", domain::LicensingWord(s.licensing.status)},
               {"version", s.version}};
  c.action = std::move(action);
  c.audit = std::move(audit);
  return c;
}

}  // namespace

absl::StatusOr<domain::ServiceReferenceCodes> SocialServiceUseCases::AllowedCodes(db::Tx& tx) {
  domain::ServiceReferenceCodes codes;
  IRIS_ASSIGN_OR_RETURN(auto categories, services_.ListCategories(tx));
  for (const auto& c : categories) codes.categories.insert(c.code);
  IRIS_ASSIGN_OR_RETURN(const storage::KnownCodes* known, reference_codes_.Get(tx));
  codes.target_groups = known->organization_codes.target_groups;
  codes.languages = known->language_codes;
  return codes;
}

absl::StatusOr<domain::Organization> SocialServiceUseCases::Managed(
    db::Tx& tx, const identity::Caller& p, const std::string& organization_id) {
  // Share-locked: a suspension waits for this write, or this write sees the suspension.
  auto org = orgs_.FindForShare(tx, organization_id);
  if (absl::IsNotFound(org.status())) return OrgNotFound();
  IRIS_RETURN_IF_ERROR(org.status());
  if (domain::CanManageServices(p, *org)) {
    IRIS_RETURN_IF_ERROR(CheckMemberMayWrite(p, *org));
    return org;
  }
  if (!domain::CanSee(p, *org)) return OrgNotFound();
  if (p.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  return absl::PermissionDeniedError("you may not change the services of this organization");
}

absl::StatusOr<domain::SocialService> SocialServiceUseCases::LockedUnder(
    db::Tx& tx, const std::string& organization_id, const std::string& id) {
  auto s = services_.FindForUpdate(tx, id);
  if (absl::IsNotFound(s.status())) return ServiceNotFound();
  IRIS_RETURN_IF_ERROR(s.status());
  // An id under another organisation's path says nothing about that one's services.
  if (s->organization_id != organization_id) return ServiceNotFound();
  return s;
}

absl::StatusOr<domain::SocialService> SocialServiceUseCases::Create(
    const identity::Caller& caller, const std::string& organization_id,
    const domain::SocialServicePatch& fields) {
  return pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::SocialService> {
    IRIS_ASSIGN_OR_RETURN(auto org, Managed(tx, caller, organization_id));
    IRIS_ASSIGN_OR_RETURN(auto codes, AllowedCodes(tx));
    domain::SocialService draft;
    draft.organization_id = org.id;
    std::vector<std::string> changed;
    auto problems = domain::Apply(fields, codes, &draft, &changed);
    if (!problems.empty()) return status::Validation(problems);
    IRIS_ASSIGN_OR_RETURN(auto saved, services_.Insert(tx, draft));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ChangeOf(saved, org, "membership.service.created", "create", {{"fields", changed}})));
    return saved;
  });
}

absl::StatusOr<domain::SocialService> SocialServiceUseCases::Get(const identity::Caller& caller,
                                                                 const std::string& organization_id,
                                                                 const std::string& id) {
  return pool_.Read([&](db::Tx& tx) -> absl::StatusOr<domain::SocialService> {
    auto org = orgs_.FindById(tx, organization_id);
    if (absl::IsNotFound(org.status())) return OrgNotFound();
    IRIS_RETURN_IF_ERROR(org.status());
    if (!domain::CanSee(caller, *org)) return OrgNotFound();
    auto s = services_.FindById(tx, id);
    if (absl::IsNotFound(s.status()) || (s.ok() && s->organization_id != org->id)) {
      return ServiceNotFound();
    }
    return s;
  });
}

absl::StatusOr<domain::SocialService> SocialServiceUseCases::Update(
    const identity::Caller& caller, const std::string& organization_id, const std::string& id,
    const domain::SocialServicePatch& fields, int64_t expected_version) {
  return pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::SocialService> {
    IRIS_ASSIGN_OR_RETURN(auto org, Managed(tx, caller, organization_id));
    IRIS_ASSIGN_OR_RETURN(auto current, LockedUnder(tx, org.id, id));
    IRIS_RETURN_IF_ERROR(status::CheckVersion("service", current.version, expected_version));
    IRIS_ASSIGN_OR_RETURN(auto codes, AllowedCodes(tx));
    domain::SocialService next = current;
    std::vector<std::string> changed;
    auto problems = domain::Apply(fields, codes, &next, &changed);
    if (!problems.empty()) return status::Validation(problems);
    // Nothing changed: no new version, no message (a PATCH is idempotent).
    if (changed.empty()) return current;
    IRIS_ASSIGN_OR_RETURN(auto saved, services_.Update(tx, next, current.version));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ChangeOf(saved, org, "membership.service.updated", "update", {{"fields", changed}})));
    return saved;
  });
}

absl::Status SocialServiceUseCases::Delete(const identity::Caller& caller,
                                           const std::string& organization_id,
                                           const std::string& id, int64_t expected_version) {
  return pool_.Write([&](db::Tx& tx) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto org, Managed(tx, caller, organization_id));
    IRIS_ASSIGN_OR_RETURN(auto current, LockedUnder(tx, org.id, id));
    IRIS_RETURN_IF_ERROR(status::CheckVersion("service", current.version, expected_version));
    IRIS_RETURN_IF_ERROR(services_.Delete(tx, current.id, current.version));
    // The tombstone: subscribers learn the id is gone; there is nothing left to fetch.
    db::Change c = ChangeOf(current, org, "membership.service.deleted", "delete",
                            {{"version", current.version}});
    c.payload = {
        {"id", current.id}, {"organization_id", current.organization_id}, {"deleted", true}};
    return db::RecordChange(tx, kSchema, caller, c);
  });
}

absl::StatusOr<pagination::Page<domain::SocialService>> SocialServiceUseCases::List(
    const identity::Caller& caller, const SocialServiceListRequest& req) {
  const auto& p = caller;
  storage::SocialServiceQuery q;
  q.see_all = p.IsNetworkAdmin();
  if (p.IsCoordinator()) q.own_country = p.country;
  if (p.IsMember() && values::IsUuid(p.organization_id)) q.own_organization = p.organization_id;
  q.country = req.country;
  q.target_group = req.target_group;
  q.category = req.category;
  q.licensing_status = req.licensing_status;
  status::Validator v;
  static const std::set<std::string> kLicensing{"not_required", "not_licensed", "in_process",
                                                "licensed", "expired"};
  CheckAllowed("licensing_status", q.licensing_status, kLicensing, v);
  if (!req.licence_expires_before.empty()) {
    if (!domain::IsIsoDate(req.licence_expires_before)) {
      v.Add("licence_expires_before", "must be a date such as 2027-01-31");
    }
    q.licence_expires_before = req.licence_expires_before;
  }
  auto paging = pagination::KeysetRequestOf(req.page, storage::kSocialServiceSorts);
  if (Collect(paging.status(), v)) q.page = *paging;
  IRIS_ASSIGN_OR_RETURN(
      auto rows,
      pool_.Read([&](db::Tx& tx) -> absl::StatusOr<pagination::Rows<domain::SocialService>> {
        IRIS_ASSIGN_OR_RETURN(const storage::KnownCodes* known, reference_codes_.Get(tx));
        status::Validator all = v;  // a retried read must not add its errors twice
        CheckFilterCodes(*known, q.country, q.target_group, all);
        if (!q.category.empty()) {
          IRIS_ASSIGN_OR_RETURN(auto categories, services_.ListCategories(tx));
          std::set<std::string> codes;
          for (const auto& c : categories) codes.insert(c.code);
          CheckAllowed("category", q.category, codes, all);
        }
        IRIS_RETURN_IF_ERROR(all.FinishMalformed());
        if (!req.organization_id.empty()) {
          auto org = orgs_.FindById(tx, req.organization_id);
          if (absl::IsNotFound(org.status())) return OrgNotFound();
          IRIS_RETURN_IF_ERROR(org.status());
          if (!domain::CanSee(p, *org)) return OrgNotFound();
          q.organization_id = org->id;
        }
        return services_.List(tx, q);
      }));
  return pagination::PageOf(std::move(rows), q.page, storage::kSocialServiceSorts);
}

absl::StatusOr<std::vector<storage::ServiceCategory>> SocialServiceUseCases::Categories() {
  return pool_.Read([&](db::Tx& tx) { return services_.ListCategories(tx); });
}

}  // namespace iris::membership::app
