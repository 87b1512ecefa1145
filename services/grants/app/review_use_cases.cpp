#include "services/grants/app/review_use_cases.hpp"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "libs/db/constraints.hpp"
#include "libs/db/outbox.hpp"
#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"
#include "services/grants/app/application_use_cases.hpp"

namespace iris::grants::app {
namespace {

constexpr const char* kSchema = "grants";

using domain::ApplicationStatus;

constexpr db::ConstraintRule kAssignRules[] = {
    {"reviewer_assignments_pkey", "reviewer_id", "this reviewer is already assigned",
     "already_assigned"},
};
constexpr db::ConstraintRule kReviewRules[] = {
    {"reviews_application_id_reviewer_id_key", "scores",
     "you have already reviewed this application", "already_reviewed"},
};

// The visible application (NOT_FOUND otherwise), read or locked.
absl::StatusOr<domain::Application> SeenApplication(db::Tx& tx,
                                                    storage::ApplicationRepository& repo,
                                                    const identity::Caller& caller,
                                                    const std::string& id, bool lock) {
  IRIS_ASSIGN_OR_RETURN(auto a, lock ? repo.FindForUpdate(tx, id) : repo.FindById(tx, id));
  IRIS_ASSIGN_OR_RETURN(bool visible, Visible(tx, repo, caller, a));
  if (!visible) return ApplicationNotFound();
  return a;
}

absl::Status RequireAssignable(const domain::Application& a) {
  if (a.status == ApplicationStatus::kSubmitted || a.status == ApplicationStatus::kUnderReview) {
    return absl::OkStatus();
  }
  return status::Conflict("invalid_transition",
                          absl::StrCat("reviewers are assigned to submitted applications or "
                                       "those under review; this one is ",
                                       std::string(domain::ApplicationStatusWord(a.status))));
}

template <typename T>
absl::StatusOr<T> HideMissing(absl::StatusOr<T> r) {
  if (absl::IsNotFound(r.status())) return ApplicationNotFound();
  return r;
}

}  // namespace

absl::StatusOr<domain::ReviewerAssignment> ReviewUseCases::AssignReviewer(
    const identity::Caller& caller, const std::string& application_id,
    const std::string& reviewer_id) {
  if (caller.anonymous()) return ApplicationNotFound();
  // Checks that need nobody else first; then membership, outside any transaction.
  auto checked = HideMissing(pool_.Read([&](db::Tx& tx) -> absl::StatusOr<domain::Application> {
    IRIS_ASSIGN_OR_RETURN(auto a,
                          SeenApplication(tx, applications_, caller, application_id, false));
    if (!caller.IsNetworkAdmin()) {
      return absl::PermissionDeniedError("only network admins assign reviewers");
    }
    if (!values::IsUuid(reviewer_id)) {
      return status::Invalid("reviewer_id", "must be the id of a user with role reviewer");
    }
    IRIS_RETURN_IF_ERROR(RequireAssignable(a));
    return a;
  }));
  IRIS_RETURN_IF_ERROR(checked.status());
  IRIS_ASSIGN_OR_RETURN(auto user, membership_.User(caller, reviewer_id));
  IRIS_RETURN_IF_ERROR(members::CheckTimeLeftToWrite(caller));
  const domain::ReviewerFacts facts{.exists = user.exists,
                                    .role = user.role,
                                    .organization_id = user.organization_id,
                                    .name = user.name,
                                    .disabled = user.disabled};
  std::string message;
  const std::string refusal = domain::RefuseReviewer(facts, *checked, &message);
  if (refusal == "reviewer_id") return status::Invalid("reviewer_id", message);
  if (!refusal.empty()) return status::Conflict(refusal, message);

  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::ReviewerAssignment> {
    IRIS_ASSIGN_OR_RETURN(auto a, SeenApplication(tx, applications_, caller, application_id, true));
    IRIS_RETURN_IF_ERROR(RequireAssignable(a));
    IRIS_ASSIGN_OR_RETURN(auto saved, reviews_.Assign(tx, a.id, reviewer_id, user.name));
    db::Change c;
    c.type = "grants.reviewer.assigned";
    c.subject_type = "grant_application";
    c.subject_id = a.id;
    c.country = a.country;
    c.payload = {{"application_id", a.id},
                 {"call_id", a.call_id},
                 {"reviewer_id", reviewer_id},
                 {"country", a.country}};
    c.action = "assign_reviewer";
    c.audit = {{"reviewer_id", reviewer_id}};
    IRIS_RETURN_IF_ERROR(db::RecordChange(tx, kSchema, caller, c));
    return saved;
  });
  return db::ExplainViolation(HideMissing(std::move(result)), kAssignRules);
}

absl::StatusOr<std::vector<domain::ReviewerAssignment>> ReviewUseCases::ListReviewers(
    const identity::Caller& caller, const std::string& application_id) {
  if (caller.anonymous()) return ApplicationNotFound();
  return HideMissing(
      pool_.Read([&](db::Tx& tx) -> absl::StatusOr<std::vector<domain::ReviewerAssignment>> {
        IRIS_ASSIGN_OR_RETURN(auto a,
                              SeenApplication(tx, applications_, caller, application_id, false));
        if (!domain::IsStaffFor(caller, a)) {
          return absl::PermissionDeniedError("only staff see who reviews an application");
        }
        return reviews_.ListAssignments(tx, a.id);
      }));
}

absl::StatusOr<domain::Review> ReviewUseCases::CreateReview(const identity::Caller& caller,
                                                            const std::string& application_id,
                                                            const domain::ReviewSubmission& s) {
  if (caller.anonymous()) return ApplicationNotFound();
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Review> {
    // The application's row lock orders its reviews: each recomputes the score over all of
    // them, and the last to commit saw every other.
    IRIS_ASSIGN_OR_RETURN(auto a, SeenApplication(tx, applications_, caller, application_id, true));
    IRIS_ASSIGN_OR_RETURN(bool assigned, applications_.IsAssigned(tx, a.id, caller.subject));
    if (!caller.HasRole(identity::kReviewer) || !assigned) {
      return absl::PermissionDeniedError("only reviewers assigned to the application review it");
    }
    if (a.status != ApplicationStatus::kUnderReview) {
      return status::Conflict("invalid_transition",
                              absl::StrCat("applications are reviewed while under review; this "
                                           "one is ",
                                           std::string(domain::ApplicationStatusWord(a.status))));
    }
    IRIS_ASSIGN_OR_RETURN(auto call, applications_.FindCall(tx, a.call_id));
    domain::Review review;
    review.application_id = a.id;
    review.reviewer_id = caller.subject;
    IRIS_RETURN_IF_ERROR(status::Validation(domain::DraftReview(s, call.criteria, &review)));
    IRIS_ASSIGN_OR_RETURN(auto saved, reviews_.Insert(tx, review));
    IRIS_ASSIGN_OR_RETURN(auto totals, reviews_.Totals(tx, a.id));
    IRIS_RETURN_IF_ERROR(reviews_.SetApplicationScore(
        tx, a.id, domain::ApplicationScore(totals.weighted_sums, totals.review_count),
        totals.review_count));
    db::Change c;
    c.type = "grants.review.submitted";
    c.subject_type = "grant_review";
    c.subject_id = saved.id;
    c.country = a.country;
    c.payload = {{"id", saved.id},       {"application_id", a.id},
                 {"call_id", a.call_id}, {"reviewer_id", saved.reviewer_id},
                 {"country", a.country}, {"review_count", totals.review_count}};
    c.action = "create";
    c.audit = {{"application_id", a.id}};
    IRIS_RETURN_IF_ERROR(db::RecordChange(tx, kSchema, caller, c));
    return saved;
  });
  return db::ExplainViolation(HideMissing(std::move(result)), kReviewRules);
}

absl::StatusOr<std::vector<domain::Review>> ReviewUseCases::ListReviews(
    const identity::Caller& caller, const std::string& application_id) {
  if (caller.anonymous()) return ApplicationNotFound();
  return HideMissing(pool_.Read([&](db::Tx& tx) -> absl::StatusOr<std::vector<domain::Review>> {
    IRIS_ASSIGN_OR_RETURN(auto a,
                          SeenApplication(tx, applications_, caller, application_id, false));
    if (domain::IsStaffFor(caller, a)) return reviews_.List(tx, a.id, std::nullopt);
    if (caller.HasRole(identity::kReviewer)) {
      // Visible to a reviewer only when assigned (SeenApplication): its own review.
      return reviews_.List(tx, a.id, caller.subject);
    }
    return absl::PermissionDeniedError("only staff and the application's reviewers see reviews");
  }));
}

absl::StatusOr<std::vector<RankedApplication>> ReviewUseCases::Ranking(
    const identity::Caller& caller, const std::string& call_id) {
  if (caller.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  if (!caller.IsNetworkAdmin() && !caller.IsCoordinator()) {
    return absl::PermissionDeniedError("only network admins and coordinators see a ranking");
  }
  IRIS_ASSIGN_OR_RETURN(
      auto rows, pool_.Read([&](db::Tx& tx) -> absl::StatusOr<std::vector<domain::Application>> {
        IRIS_RETURN_IF_ERROR(VisibleCall(tx, applications_, caller, call_id).status());
        return applications_.Ranking(tx, call_id);
      }));
  std::vector<RankedApplication> out;
  // A coordinator's ranks count its country's applications only: numbered over the whole call
  // they would tell how many other countries' applications stand in between.
  for (auto& row : rows) {
    if (!caller.IsNetworkAdmin() && row.country != caller.country) continue;
    out.push_back({static_cast<int>(out.size() + 1), std::move(row)});
  }
  return out;
}

}  // namespace iris::grants::app
