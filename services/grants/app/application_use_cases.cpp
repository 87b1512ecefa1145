#include "services/grants/app/application_use_cases.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/db/constraints.hpp"
#include "libs/status/list_filters.hpp"
#include "libs/status/status.hpp"
#include "libs/status/verbs.hpp"
#include "libs/values/reference_codes.hpp"

namespace iris::grants::app {
namespace {

constexpr const char* kSchema = "grants";

using domain::ApplicationStatus;

values::Time Now() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

// One application per organisation and call: UNIQUE (call_id, organization_id).
constexpr db::ConstraintRule kCreateRules[] = {
    {"applications_call_id_organization_id_key", "organization_id",
     "your organisation already has an application in this call", "duplicate_application"},
};

absl::Status CallNotOpen(const domain::CallFacts& call) {
  if (call.status != "open") {
    return status::Conflict("call_not_open",
                            "the call is " + call.status + ", not open for applications");
  }
  return status::Conflict("call_not_open",
                          "the call accepts applications only between its opens_at and "
                          "closes_at");
}

absl::Status Unauthenticated() {
  return absl::UnauthenticatedError("this operation needs credentials");
}

// The visible application, or NOT_FOUND.
absl::StatusOr<domain::Application> Seen(db::Tx& tx, storage::ApplicationRepository& repo,
                                         const identity::Caller& caller, domain::Application a) {
  IRIS_ASSIGN_OR_RETURN(bool visible, Visible(tx, repo, caller, a));
  if (!visible) return ApplicationNotFound();
  return a;
}

absl::Status RequireApplicant(const identity::Caller& caller, const domain::Application& a,
                              std::string_view what) {
  if (domain::IsApplicant(caller, a)) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat("only members of the applicant organisation ",
                                                  std::string(what), " its application"));
}

// What membership says of the organisation, as the reason it may not apply ("" when it may).
absl::Status CheckEligible(const members::OrganizationFacts& org, const domain::CallFacts& call) {
  if (!org.exists) {
    return status::Conflict("organization_not_eligible",
                            "the applicant organisation is not a member known to membership");
  }
  if (!org.active) {
    return status::Conflict(
        "organization_not_eligible",
        "organization " + org.name + " is " + org.status + ": only active members may apply");
  }
  if (std::find(call.eligible_countries.begin(), call.eligible_countries.end(), org.country) ==
      call.eligible_countries.end()) {
    return status::Conflict("organization_not_eligible",
                            "organization " + org.name + " is in " + org.country +
                                ", which is not eligible in this call (eligible: " +
                                absl::StrJoin(call.eligible_countries, ", ") + ")");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ApplicationNotFound() { return absl::NotFoundError("grant application not found"); }

absl::StatusOr<bool> Visible(db::Tx& tx, storage::ApplicationRepository& applications,
                             const identity::Caller& caller, const domain::Application& a) {
  if (domain::CanSee(caller, a, false)) return true;
  if (!caller.HasRole(identity::kReviewer) || caller.subject.empty()) return false;
  return applications.IsAssigned(tx, a.id, caller.subject);
}

absl::StatusOr<domain::CallFacts> VisibleCall(db::Tx& tx,
                                              storage::ApplicationRepository& applications,
                                              const identity::Caller& caller,
                                              const std::string& call_id, bool for_share) {
  auto call =
      for_share ? applications.FindCallForShare(tx, call_id) : applications.FindCall(tx, call_id);
  // Never the id sent back: it is the client's text.
  if (absl::IsNotFound(call.status()) ||
      (call.ok() && call->status == "draft" && !caller.IsNetworkAdmin())) {
    return absl::NotFoundError("grant call not found");
  }
  return call;
}

db::Change ApplicationChange(const domain::Application& a, std::string type, std::string action,
                             nlohmann::json audit) {
  db::Change c;
  c.type = std::move(type);
  c.subject_type = "grant_application";
  c.subject_id = a.id;
  c.country = a.country;
  c.payload = {{"id", a.id},
               {"call_id", a.call_id},
               {"organization_id", a.organization_id},
               {"country", a.country.empty() ? nlohmann::json() : nlohmann::json(a.country)},
               {"status", domain::ApplicationStatusWord(a.status)},
               {"version", a.version}};
  c.action = std::move(action);
  c.audit = std::move(audit);
  return c;
}

absl::StatusOr<domain::Application> ApplicationUseCases::Create(
    const identity::Caller& caller, const std::string& call_id,
    const domain::ApplicationPatch& fields) {
  if (caller.anonymous()) return Unauthenticated();
  if (!caller.IsMember()) {
    return absl::PermissionDeniedError("members apply, for their own organisation");
  }
  // Left out (or null): the caller's own organisation.
  const std::string organization_id = fields.organization_id && !fields.organization_id->empty()
                                          ? *fields.organization_id
                                          : caller.organization_id;
  if (organization_id != caller.organization_id) {
    return absl::PermissionDeniedError("members apply for their own organisation only");
  }
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Application> {
    IRIS_ASSIGN_OR_RETURN(auto call, VisibleCall(tx, applications_, caller, call_id));
    if (!domain::AcceptsApplications(call, Now())) return CallNotOpen(call);
    domain::Application draft;
    draft.call_id = call.id;
    draft.organization_id = organization_id;
    std::vector<std::string> changed;
    auto problems = domain::Apply(fields, &draft, &changed);
    for (auto& p : domain::CheckComplete(draft, call)) problems.push_back(std::move(p));
    if (!problems.empty()) return status::Validation(problems);
    IRIS_ASSIGN_OR_RETURN(auto saved, applications_.Insert(tx, draft));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ApplicationChange(saved, "grants.application.created", "create", {{"fields", changed}})));
    return saved;
  });
  return db::ExplainViolation(std::move(result), kCreateRules);
}

absl::StatusOr<domain::Application> ApplicationUseCases::Get(const identity::Caller& caller,
                                                             const std::string& id) {
  if (caller.anonymous()) return ApplicationNotFound();
  auto a = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<domain::Application> {
    IRIS_ASSIGN_OR_RETURN(auto found, applications_.FindById(tx, id));
    return Seen(tx, applications_, caller, std::move(found));
  });
  if (absl::IsNotFound(a.status())) return ApplicationNotFound();
  IRIS_RETURN_IF_ERROR(a.status());
  return domain::AsSeenBy(caller, *std::move(a));
}

absl::StatusOr<domain::Application> ApplicationUseCases::Update(
    const identity::Caller& caller, const std::string& id, const domain::ApplicationPatch& fields,
    int64_t expected_version) {
  if (caller.anonymous()) return ApplicationNotFound();
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Application> {
    IRIS_ASSIGN_OR_RETURN(auto found, applications_.FindForUpdate(tx, id));
    IRIS_ASSIGN_OR_RETURN(auto a, Seen(tx, applications_, caller, std::move(found)));
    IRIS_RETURN_IF_ERROR(RequireApplicant(caller, a, "change"));
    IRIS_RETURN_IF_ERROR(status::CheckVersion("application", a.version, expected_version));
    if (a.status != ApplicationStatus::kDraft) {
      return status::Conflict("invalid_transition",
                              absl::StrCat("only a draft can be changed; this application is ",
                                           std::string(domain::ApplicationStatusWord(a.status))));
    }
    IRIS_ASSIGN_OR_RETURN(auto call, applications_.FindCall(tx, a.call_id));
    // Nothing is accepted after closing, edits of a draft included (as create and submit).
    if (!domain::AcceptsApplications(call, Now())) return CallNotOpen(call);
    domain::Application next = a;
    std::vector<std::string> changed;
    auto problems = domain::Apply(fields, &next, &changed);
    if (fields.organization_id && !fields.organization_id->empty() &&
        *fields.organization_id != a.organization_id) {
      problems.push_back({"organization_id", "cannot change: apply anew for another organisation"});
    }
    for (auto& p : domain::CheckComplete(next, call)) problems.push_back(std::move(p));
    if (!problems.empty()) return status::Validation(problems);
    if (changed.empty()) return a;  // nothing changed: no new version, no message
    IRIS_ASSIGN_OR_RETURN(auto saved, applications_.Update(tx, next));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ApplicationChange(saved, "grants.application.updated", "update", {{"fields", changed}})));
    return saved;
  });
  if (absl::IsNotFound(result.status())) return ApplicationNotFound();
  return result;
}

absl::StatusOr<pagination::Page<domain::Application>> ApplicationUseCases::List(
    const identity::Caller& caller, const ApplicationListRequest& req) {
  if (caller.anonymous()) return Unauthenticated();
  storage::ApplicationQuery q;
  q.call_id = req.call_id;
  q.see_all = caller.IsNetworkAdmin();
  if (caller.IsCoordinator()) q.own_country = caller.country;
  if (caller.IsMember()) q.organization_id = caller.organization_id;
  if (caller.HasRole(identity::kReviewer)) q.reviewer_id = caller.subject;
  q.status = req.status;
  q.country = req.country;
  for (auto& c : q.country) c = absl::AsciiStrToUpper(c);  // rs is RS
  status::Validator v;
  std::set<std::string> statuses;
  for (auto s : domain::kAllApplicationStatuses) {
    statuses.emplace(domain::ApplicationStatusWord(s));
  }
  status::CheckAllowed("status", q.status, statuses, v);
  status::CheckAllowed("country", q.country, values::CountryCodes(), v, &req.country);
  auto paging = pagination::KeysetRequestOf(req.page, storage::kApplicationSorts);
  if (status::Collect(paging.status(), v)) q.page = *paging;
  IRIS_RETURN_IF_ERROR(v.FinishMalformed());
  IRIS_ASSIGN_OR_RETURN(
      auto rows,
      pool_.Read([&](db::Tx& tx) -> absl::StatusOr<pagination::Rows<domain::Application>> {
        IRIS_RETURN_IF_ERROR(VisibleCall(tx, applications_, caller, req.call_id).status());
        return applications_.List(tx, q);
      }));
  for (auto& row : rows.rows) row = domain::AsSeenBy(caller, std::move(row));
  return pagination::PageOf(std::move(rows), q.page, storage::kApplicationSorts);
}

absl::StatusOr<domain::Application> ApplicationUseCases::Submit(const identity::Caller& caller,
                                                                const std::string& id,
                                                                int64_t expected_version) {
  if (caller.anonymous()) return ApplicationNotFound();
  // Every check that needs no one else first, so a refused submission never waits on
  // membership; then membership, outside any transaction (no row lock is held while it
  // answers, and when it does not answer nothing was written).
  auto checked = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<domain::CallFacts> {
    IRIS_ASSIGN_OR_RETURN(auto found, applications_.FindById(tx, id));
    IRIS_ASSIGN_OR_RETURN(auto a, Seen(tx, applications_, caller, std::move(found)));
    IRIS_RETURN_IF_ERROR(RequireApplicant(caller, a, "submit"));
    IRIS_RETURN_IF_ERROR(status::CheckVersion("application", a.version, expected_version));
    IRIS_RETURN_IF_ERROR(status::RefuseIf(
        domain::RefuseTransition(a.status, ApplicationStatus::kSubmitted, "submit")));
    IRIS_ASSIGN_OR_RETURN(auto call, applications_.FindCall(tx, a.call_id));
    if (!domain::AcceptsApplications(call, Now())) return CallNotOpen(call);
    IRIS_RETURN_IF_ERROR(status::Validation(domain::CheckComplete(a, call)));
    return call;
  });
  if (absl::IsNotFound(checked.status())) return ApplicationNotFound();
  IRIS_RETURN_IF_ERROR(checked.status());
  // The organisation of the caller's own application (RequireApplicant): the caller's.
  IRIS_ASSIGN_OR_RETURN(auto org, membership_.Organization(caller, caller.organization_id));
  IRIS_RETURN_IF_ERROR(CheckEligible(org, *checked));
  IRIS_RETURN_IF_ERROR(members::CheckTimeLeftToWrite(caller));

  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Application> {
    // Again under the locks: the application may have changed, the call closed meanwhile.
    // The call first, as the call's verbs lock it before its applications (one order, no
    // deadlock with a close moving submitted applications to review).
    IRIS_ASSIGN_OR_RETURN(auto call, applications_.FindCallForShare(tx, checked->id));
    IRIS_ASSIGN_OR_RETURN(auto found, applications_.FindForUpdate(tx, id));
    IRIS_ASSIGN_OR_RETURN(auto a, Seen(tx, applications_, caller, std::move(found)));
    IRIS_RETURN_IF_ERROR(RequireApplicant(caller, a, "submit"));
    IRIS_RETURN_IF_ERROR(status::CheckVersion("application", a.version, expected_version));
    IRIS_RETURN_IF_ERROR(status::RefuseIf(
        domain::RefuseTransition(a.status, ApplicationStatus::kSubmitted, "submit")));
    if (!domain::AcceptsApplications(call, Now())) return CallNotOpen(call);
    IRIS_RETURN_IF_ERROR(status::Validation(domain::CheckComplete(a, call)));
    IRIS_RETURN_IF_ERROR(CheckEligible(org, call));
    IRIS_ASSIGN_OR_RETURN(auto saved, applications_.Submit(tx, a.id, org.name, org.country));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ApplicationChange(saved, "grants.application.submitted", "submit",
                          {{"fields", {"status", "submitted_at", "organization_name", "country"}},
                           {"from", "draft"},
                           {"to", "submitted"}})));
    return saved;
  });
  if (absl::IsNotFound(result.status())) return ApplicationNotFound();
  return result;
}

absl::StatusOr<domain::Application> ApplicationUseCases::Withdraw(const identity::Caller& caller,
                                                                  const std::string& id,
                                                                  const std::string& note,
                                                                  int64_t expected_version) {
  if (caller.anonymous()) return ApplicationNotFound();
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Application> {
    IRIS_ASSIGN_OR_RETURN(auto found, applications_.FindForUpdate(tx, id));
    IRIS_ASSIGN_OR_RETURN(auto a, Seen(tx, applications_, caller, std::move(found)));
    IRIS_RETURN_IF_ERROR(RequireApplicant(caller, a, "withdraw"));
    IRIS_RETURN_IF_ERROR(status::CheckVersion("application", a.version, expected_version));
    IRIS_ASSIGN_OR_RETURN(auto why, status::VerbNote(note, true, domain::kMaxNote));
    IRIS_RETURN_IF_ERROR(status::RefuseIf(
        domain::RefuseTransition(a.status, ApplicationStatus::kWithdrawn, "withdraw")));
    IRIS_ASSIGN_OR_RETURN(auto saved,
                          applications_.SetStatus(tx, a.id, ApplicationStatus::kWithdrawn, why));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ApplicationChange(saved, "grants.application.withdrawn", "withdraw",
                          {{"fields", {"status", "status_note", "status_changed_at"}},
                           {"from", domain::ApplicationStatusWord(a.status)},
                           {"to", "withdrawn"}})));
    return saved;
  });
  if (absl::IsNotFound(result.status())) return ApplicationNotFound();
  return result;
}

absl::StatusOr<domain::Application> ApplicationUseCases::Reject(const identity::Caller& caller,
                                                                const std::string& id,
                                                                const std::string& note,
                                                                int64_t expected_version) {
  if (caller.anonymous()) return ApplicationNotFound();
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Application> {
    // The call's row first, then the application's: the order of the call's verbs and of
    // awards. Decisions wait for the call to close (its close verb locks the call's row).
    IRIS_ASSIGN_OR_RETURN(auto peek, applications_.FindById(tx, id));
    IRIS_ASSIGN_OR_RETURN(auto call, applications_.FindCallForShare(tx, peek.call_id));
    IRIS_ASSIGN_OR_RETURN(auto found, applications_.FindForUpdate(tx, id));
    IRIS_ASSIGN_OR_RETURN(auto a, Seen(tx, applications_, caller, std::move(found)));
    if (!caller.IsNetworkAdmin()) {
      return absl::PermissionDeniedError("only network admins reject applications");
    }
    IRIS_RETURN_IF_ERROR(status::CheckVersion("application", a.version, expected_version));
    IRIS_ASSIGN_OR_RETURN(auto why, status::VerbNote(note, true, domain::kMaxNote));
    IRIS_RETURN_IF_ERROR(status::RefuseIf(
        domain::RefuseTransition(a.status, ApplicationStatus::kRejected, "reject")));
    if (call.status != "closed") {
      return status::Conflict(
          "invalid_transition",
          "applications are rejected while their call is closed; it is " + call.status);
    }
    IRIS_ASSIGN_OR_RETURN(auto saved,
                          applications_.SetStatus(tx, a.id, ApplicationStatus::kRejected, why));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ApplicationChange(saved, "grants.application.rejected", "reject",
                          {{"fields", {"status", "status_note", "status_changed_at"}},
                           {"from", "under_review"},
                           {"to", "rejected"}})));
    return saved;
  });
  if (absl::IsNotFound(result.status())) return ApplicationNotFound();
  return result;
}

}  // namespace iris::grants::app
