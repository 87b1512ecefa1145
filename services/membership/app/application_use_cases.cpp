#include "services/membership/app/application_use_cases.hpp"

#include <set>

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "libs/db/outbox.hpp"
#include "libs/status/status.hpp"
#include "libs/values/random_token.hpp"
#include "libs/values/sha256.hpp"
#include "services/membership/app/list_filters.hpp"
#include "services/membership/domain/text_rules.hpp"

namespace iris::membership::app {
namespace {

constexpr const char* kSchema = "membership";

using status::Malformed;

absl::Status NotFound() { return absl::NotFoundError("membership application not found"); }

// Thin payload: ids and states; the contact's name and email stay in the row.
db::Change ChangeOf(const domain::MembershipApplication& a, std::string type, std::string action,
                    nlohmann::json audit) {
  db::Change c;
  c.type = std::move(type);
  c.subject_type = "membership_application";
  c.subject_id = a.id;
  c.country = a.organization.country;
  c.payload = {{"id", a.id},
               {"country", a.organization.country},
               {"status", domain::ApplicationStatusWord(a.status)},
               {"organization_id", a.organization_id},
               {"version", a.version}};
  c.action = std::move(action);
  c.audit = std::move(audit);
  return c;
}

}  // namespace

absl::StatusOr<SubmittedApplication> ApplicationUseCases::Submit(
    const identity::Caller& caller, const domain::ApplicationSubmission& s) {
  const std::string token = values::RandomToken("iris_as_");
  return pool_.Write([&](db::Tx& tx) -> absl::StatusOr<SubmittedApplication> {
    IRIS_ASSIGN_OR_RETURN(const storage::KnownCodes* known, reference_codes_.Get(tx));
    domain::MembershipApplication draft;
    auto problems = domain::Draft(s, known->organization_codes, &draft);
    if (!problems.empty()) return status::Validation(problems);
    IRIS_ASSIGN_OR_RETURN(auto saved, applications_.Insert(tx, draft, values::Sha256Hex(token)));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ChangeOf(saved, "membership.application.submitted", "submit", nlohmann::json::object())));
    return SubmittedApplication{std::move(saved), token};
  });
}

absl::StatusOr<domain::MembershipApplication> ApplicationUseCases::GetByStatusToken(
    std::string_view token) {
  // Longer than any token Submit makes: not one (and not worth a hash and a query).
  if (token.empty() || token.size() > values::kMaxTokenLength) return NotFound();
  auto a = pool_.Read(
      [&](db::Tx& tx) { return applications_.FindByStatusToken(tx, values::Sha256Hex(token)); });
  if (absl::IsNotFound(a.status())) return NotFound();
  return a;
}

absl::StatusOr<domain::MembershipApplication> ApplicationUseCases::Get(
    const identity::Caller& caller, const std::string& id) {
  auto a = pool_.Read([&](db::Tx& tx) { return applications_.FindById(tx, id); });
  if (absl::IsNotFound(a.status())) return NotFound();
  IRIS_RETURN_IF_ERROR(a.status());
  if (!domain::CanDecide(caller, *a)) return NotFound();
  return a;
}

absl::StatusOr<pagination::Page<domain::MembershipApplication>> ApplicationUseCases::List(
    const identity::Caller& caller, const ApplicationListRequest& req) {
  const auto& p = caller;
  if (p.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  if (!p.IsNetworkAdmin() && !p.IsCoordinator()) {
    return absl::PermissionDeniedError(
        "only network admins and national coordinators review membership applications");
  }
  storage::ApplicationQuery q;
  q.see_all = p.IsNetworkAdmin();
  if (p.IsCoordinator()) q.own_country = p.country;
  q.status = req.status;
  q.country = req.country;
  status::Validator v;
  static const std::set<std::string> kStatuses{"submitted", "approved", "rejected"};
  CheckAllowed("status", q.status, kStatuses, v);
  auto paging = pagination::KeysetRequestOf(req.page, storage::kApplicationSorts);
  if (Collect(paging.status(), v)) q.page = *paging;
  IRIS_ASSIGN_OR_RETURN(
      auto rows,
      pool_.Read(
          [&](db::Tx& tx) -> absl::StatusOr<pagination::Rows<domain::MembershipApplication>> {
            IRIS_ASSIGN_OR_RETURN(const storage::KnownCodes* known, reference_codes_.Get(tx));
            status::Validator all = v;  // a retried read must not add its errors twice
            CheckFilterCodes(*known, q.country, {}, all);
            IRIS_RETURN_IF_ERROR(all.FinishMalformed());
            return applications_.List(tx, q);
          }));
  return pagination::PageOf(std::move(rows), q.page, storage::kApplicationSorts);
}

absl::StatusOr<domain::MembershipApplication> ApplicationUseCases::Approve(
    const identity::Caller& caller, const std::string& id, const std::string& note,
    int64_t expected_version) {
  return Decide(caller, id, true, note, expected_version);
}

absl::StatusOr<domain::MembershipApplication> ApplicationUseCases::Reject(
    const identity::Caller& caller, const std::string& id, const std::string& note,
    int64_t expected_version) {
  return Decide(caller, id, false, note, expected_version);
}

absl::StatusOr<domain::MembershipApplication> ApplicationUseCases::Decide(
    const identity::Caller& caller, const std::string& id, bool approve, const std::string& note,
    int64_t expected_version) {
  const auto& p = caller;
  const std::string verb = approve ? "approve" : "reject";
  const std::string trimmed(absl::StripAsciiWhitespace(note));
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::MembershipApplication> {
    // The row lock orders concurrent decisions; the second sees the first's outcome.
    IRIS_ASSIGN_OR_RETURN(auto a, applications_.FindForUpdate(tx, id));
    if (!domain::CanDecide(p, a)) return NotFound();
    IRIS_RETURN_IF_ERROR(status::CheckVersion("application", a.version, expected_version));
    if (!approve && trimmed.empty()) return status::Invalid("note", "is required: say why");
    if (domain::CharCount(trimmed) > 2000) {
      return status::Invalid("note", "must be at most 2000 characters");
    }
    if (a.status != domain::ApplicationStatus::kSubmitted) {
      return status::Conflict("invalid_transition",
                              "cannot " + verb + " an application that is " +
                                  std::string(domain::ApplicationStatusWord(a.status)));
    }
    std::string organization_id;
    if (approve) {
      IRIS_ASSIGN_OR_RETURN(auto org, orgs_.Insert(tx, domain::MemberFrom(a)));
      organization_id = org.id;
      db::Change created;
      created.type = "membership.organization.created";
      created.subject_type = "organization";
      created.subject_id = org.id;
      created.country = org.country;
      created.payload = {{"id", org.id},
                         {"country", org.country},
                         {"status", domain::StatusWord(org.status)},
                         {"version", org.version},
                         {"application_id", a.id}};
      created.action = "create";
      created.audit = {{"application_id", a.id}};
      IRIS_RETURN_IF_ERROR(db::RecordChange(tx, kSchema, caller, created));
    }
    IRIS_ASSIGN_OR_RETURN(auto saved,
                          applications_.Decide(tx, a.id,
                                               approve ? domain::ApplicationStatus::kApproved
                                                       : domain::ApplicationStatus::kRejected,
                                               trimmed, organization_id));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ChangeOf(saved, "membership.application." + std::string(approve ? "approved" : "rejected"),
                 verb,
                 {{"fields", {"status", "status_note", "status_changed_at", "organization_id"}},
                  {"from", "submitted"},
                  {"to", domain::ApplicationStatusWord(saved.status)}})));
    return saved;
  });
  if (absl::IsNotFound(result.status())) return NotFound();
  return result;
}

}  // namespace iris::membership::app
