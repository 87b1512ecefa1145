#include "services/membership/app/organization_use_cases.hpp"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "libs/db/outbox.hpp"
#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"
#include "services/membership/app/list_filters.hpp"
#include "services/membership/app/member_writes.hpp"
#include "services/membership/domain/text_rules.hpp"

namespace iris::membership::app {
namespace {

constexpr const char* kSchema = "membership";
// Names, acronyms and cities are short; a longer query is not a search but a probe.
constexpr size_t kMaxQueryLength = 200;  // characters, as docs/openapi.yaml says

using status::Malformed;

absl::Status NotFound() { return absl::NotFoundError("organization not found"); }

// Thin payload: ids and states, no contact data (ARCHITECTURE.md: subscribers fetch the rest).
db::Change ChangeOf(const domain::Organization& org, std::string type, std::string action,
                    nlohmann::json audit) {
  db::Change c;
  c.type = std::move(type);
  c.subject_type = "organization";
  c.subject_id = org.id;
  c.country = org.country;
  c.payload = {{"id", org.id},
               {"country", org.country},
               {"status", domain::StatusWord(org.status)},
               {"version", org.version}};
  c.action = std::move(action);
  c.audit = std::move(audit);
  return c;
}

// Staff may read applicants etc.; for writes, "forbidden" only about what the caller can see.
absl::Status Forbidden(const identity::Caller& p, const domain::Organization& org,
                       const std::string& what) {
  if (!domain::CanSee(p, org)) return NotFound();
  if (p.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  return absl::PermissionDeniedError("you may not " + what + " this organization");
}

std::string_view EventWord(domain::Verb v) {
  switch (v) {
    case domain::Verb::kApprove: return "approved";
    case domain::Verb::kSuspend: return "suspended";
    case domain::Verb::kReinstate: return "reinstated";
    case domain::Verb::kWithdraw: return "withdrawn";
  }
  return "updated";
}

}  // namespace

absl::StatusOr<domain::Organization> OrganizationUseCases::Create(
    const identity::Caller& caller, domain::OrganizationPatch fields) {
  const auto& p = caller;
  if (p.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  // A coordinator registers in its own country only; the check precedes validation (403
  // before 422), so an absent country counts as "not yours" only when one was sent.
  const std::string country =
      fields.country
          ? absl::AsciiStrToUpper(std::string(absl::StripAsciiWhitespace(*fields.country)))
          : p.country;
  if (!domain::CanCreateIn(p, country)) {
    return absl::PermissionDeniedError(
        p.IsCoordinator() ? "coordinators register organizations in their own country only"
                          : "only network admins and national coordinators register "
                            "organizations");
  }
  if (!fields.kind) fields.kind_sent = true;  // required on create
  return pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Organization> {
    IRIS_ASSIGN_OR_RETURN(const storage::KnownCodes* known, reference_codes_.Get(tx));
    domain::Organization draft;
    std::vector<std::string> changed;
    auto problems = domain::Apply(fields, known->organization_codes, &draft, &changed);
    if (!problems.empty()) return status::Validation(problems);
    // The draft starts as a member_cso, so Apply sees no change when that kind is sent.
    if (std::find(changed.begin(), changed.end(), "kind") == changed.end()) {
      changed.push_back("kind");
    }
    IRIS_ASSIGN_OR_RETURN(auto org, orgs_.Insert(tx, draft));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ChangeOf(org, "membership.organization.created", "create", {{"fields", changed}})));
    return org;
  });
}

absl::StatusOr<domain::Organization> OrganizationUseCases::Get(const identity::Caller& caller,
                                                               const std::string& id) {
  auto org = pool_.Read([&](db::Tx& tx) { return orgs_.FindById(tx, id); });
  if (absl::IsNotFound(org.status())) return NotFound();
  IRIS_RETURN_IF_ERROR(org.status());
  // Applicants and suspended members aren't public: "not found" reveals nothing.
  if (!domain::CanSee(caller, *org)) return NotFound();
  return org;
}

absl::StatusOr<domain::Organization> OrganizationUseCases::Update(
    const identity::Caller& caller, const std::string& id, const domain::OrganizationPatch& fields,
    int64_t expected_version) {
  const auto& p = caller;
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Organization> {
    // Locked: a suspension waits for this change, or this change sees the suspension.
    IRIS_ASSIGN_OR_RETURN(auto org, orgs_.FindForUpdate(tx, id));
    if (!domain::CanEdit(p, org)) return Forbidden(p, org, "change");
    IRIS_RETURN_IF_ERROR(CheckMemberMayWrite(p, org));
    IRIS_RETURN_IF_ERROR(status::CheckVersion("organization", org.version, expected_version));
    IRIS_ASSIGN_OR_RETURN(const storage::KnownCodes* known, reference_codes_.Get(tx));
    domain::Organization next = org;
    std::vector<std::string> changed;
    auto problems = domain::Apply(fields, known->organization_codes, &next, &changed);
    if (!domain::CanManage(p, org)) {
      for (const auto& f : changed) {
        if (!domain::MemberMayChange(f)) {
          return absl::PermissionDeniedError("members cannot change their organization's " + f +
                                             "; ask the national coordinator");
        }
      }
    } else if (!domain::CanManage(p, next) && next.country != org.country) {
      return absl::PermissionDeniedError(
          "coordinators cannot move an organization out of their country");
    }
    if (!problems.empty()) return status::Validation(problems);
    // Nothing changed: no new version, no message (a PATCH is idempotent).
    if (changed.empty()) return org;
    IRIS_ASSIGN_OR_RETURN(auto saved, orgs_.Update(tx, next, org.version));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ChangeOf(saved, "membership.organization.updated", "update", {{"fields", changed}})));
    return saved;
  });
  if (absl::IsNotFound(result.status())) return NotFound();
  return result;
}

absl::StatusOr<pagination::Page<domain::Organization>> OrganizationUseCases::List(
    const identity::Caller& caller, const OrganizationListRequest& req) {
  const auto& p = caller;
  storage::OrganizationQuery q;
  q.see_all = p.IsNetworkAdmin();
  if (p.IsCoordinator()) q.own_country = p.country;
  if (p.IsMember() && values::IsUuid(p.organization_id)) q.own_organization = p.organization_id;
  q.country = req.country;
  q.status = req.status;
  q.kind = req.kind;
  q.target_group = req.target_group;
  status::Validator v;
  static const std::set<std::string> kStatuses{"applicant", "active", "suspended", "withdrawn"};
  static const std::set<std::string> kKinds{"member_cso", "partner", "public_institution",
                                            "international_org", "media"};
  CheckAllowed("status", q.status, kStatuses, v);
  CheckAllowed("kind", q.kind, kKinds, v);
  if (domain::CharCount(req.q) > kMaxQueryLength) {
    v.Add("q", "must be at most " + std::to_string(kMaxQueryLength) + " characters");
  }
  q.words = domain::SearchWords(req.q);
  auto paging = pagination::KeysetRequestOf(req.page, storage::kOrganizationSorts);
  if (Collect(paging.status(), v)) q.page = *paging;
  IRIS_ASSIGN_OR_RETURN(
      auto rows,
      pool_.Read([&](db::Tx& tx) -> absl::StatusOr<pagination::Rows<domain::Organization>> {
        IRIS_ASSIGN_OR_RETURN(const storage::KnownCodes* known, reference_codes_.Get(tx));
        status::Validator all = v;  // a retried read must not add its errors twice
        CheckFilterCodes(*known, q.country, q.target_group, all);
        IRIS_RETURN_IF_ERROR(all.FinishMalformed());
        return orgs_.List(tx, q);
      }));
  return pagination::PageOf(std::move(rows), q.page, storage::kOrganizationSorts);
}

absl::StatusOr<domain::Organization> OrganizationUseCases::ChangeStatus(
    const identity::Caller& caller, const std::string& id, domain::Verb verb,
    const std::string& note, int64_t expected_version) {
  const auto& p = caller;
  const std::string verb_word(domain::VerbWord(verb));
  const std::string trimmed(absl::StripAsciiWhitespace(note));
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Organization> {
    IRIS_ASSIGN_OR_RETURN(auto org, orgs_.FindForUpdate(tx, id));
    if (!domain::CanManage(p, org)) return Forbidden(p, org, verb_word);
    IRIS_RETURN_IF_ERROR(status::CheckVersion("organization", org.version, expected_version));
    if (domain::NoteRequired(verb) && trimmed.empty()) {
      return status::Invalid("note", "is required: say why (" + verb_word + ")");
    }
    if (domain::CharCount(trimmed) > 2000) {
      return status::Invalid("note", "must be at most 2000 characters");
    }
    const auto to = domain::Transition(org.status, verb);
    if (!to) {
      return status::Conflict("invalid_transition",
                              "cannot " + verb_word + " an organization that is " +
                                  std::string(domain::StatusWord(org.status)));
    }
    IRIS_ASSIGN_OR_RETURN(auto saved, orgs_.SetStatus(tx, org.id, org.version, *to, trimmed));
    const std::string type = "membership.organization." + std::string(EventWord(verb));
    IRIS_RETURN_IF_ERROR(
        db::RecordChange(tx, kSchema, caller,
                         ChangeOf(saved, type, verb_word,
                                  {{"fields", {"status", "status_note", "status_changed_at"}},
                                   {"from", domain::StatusWord(org.status)},
                                   {"to", domain::StatusWord(saved.status)}})));
    return saved;
  });
  if (absl::IsNotFound(result.status())) return NotFound();
  return result;
}

}  // namespace iris::membership::app
