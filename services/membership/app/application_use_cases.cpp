#include "services/membership/app/application_use_cases.hpp"

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "libs/db/outbox.hpp"
#include "libs/status/status.hpp"
#include "services/membership/storage/pg_organization_repository.hpp"

namespace iris::membership::app {
namespace {

constexpr const char* kSchema = "membership";

absl::Status NotFound() { return absl::NotFoundError("membership application not found"); }

absl::Status Malformed(const std::string& field, const std::string& message) {
  return status::WithDetail(absl::InvalidArgumentError(field + ": " + message), "malformed",
                            {{field, message}});
}

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

absl::StatusOr<domain::ReferenceCodes> Codes(db::Tx& tx, storage::ReferenceRepository& ref) {
  domain::ReferenceCodes codes;
  IRIS_ASSIGN_OR_RETURN(auto countries, ref.ListCountries(tx));
  for (const auto& c : countries) codes.countries.insert(c.code);
  IRIS_ASSIGN_OR_RETURN(auto groups, ref.ListTargetGroups(tx));
  for (const auto& g : groups) codes.target_groups.insert(g.code);
  return codes;
}

}  // namespace

absl::StatusOr<domain::MembershipApplication> ApplicationUseCases::Submit(
    const Requester& who, const domain::ApplicationSubmission& s) {
  return pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::MembershipApplication> {
    IRIS_ASSIGN_OR_RETURN(auto codes, Codes(tx, reference_));
    domain::MembershipApplication draft;
    auto problems = domain::Draft(s, codes, &draft);
    if (!problems.empty()) {
      std::vector<status::FieldError> errors;
      for (const auto& p : problems) errors.push_back({p.field, p.message});
      return status::Invalid(std::move(errors));
    }
    IRIS_ASSIGN_OR_RETURN(auto saved, applications_.Insert(tx, draft));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, who.actor,
        ChangeOf(saved, "membership.application.submitted", "submit", nlohmann::json::object())));
    return saved;
  });
}

absl::StatusOr<domain::MembershipApplication> ApplicationUseCases::Get(const Requester& who,
                                                                       const std::string& id) {
  auto a = pool_.Read([&](db::Tx& tx) { return applications_.FindById(tx, id); });
  if (absl::IsNotFound(a.status())) return NotFound();
  IRIS_RETURN_IF_ERROR(a.status());
  if (!domain::CanDecide(who.principal, *a)) return NotFound();
  return a;
}

absl::StatusOr<ApplicationList> ApplicationUseCases::List(const Requester& who,
                                                          const ApplicationListRequest& req) {
  const auto& p = who.principal;
  if (p.subject.empty()) return absl::UnauthenticatedError("this operation needs credentials");
  if (!p.IsNetworkAdmin() && !p.IsCoordinator()) {
    return absl::PermissionDeniedError(
        "only network admins and national coordinators review membership applications");
  }
  storage::ApplicationQuery q;
  q.see_all = p.IsNetworkAdmin();
  if (p.IsCoordinator()) q.own_country = p.country;
  if (!req.status.empty()) {
    if (!domain::ParseApplicationStatus(req.status)) {
      return Malformed("status", "must be submitted, approved or rejected");
    }
    q.status = req.status;
  }
  if (!req.country.empty()) q.country = absl::AsciiStrToUpper(req.country);
  if (req.limit < 0 || req.limit > domain::kMaxPageSize) {
    return Malformed("limit", "must be an integer from 1 to 200");
  }
  q.limit = req.limit == 0 ? domain::kDefaultPageSize : req.limit;
  if (!req.cursor.empty()) {
    const auto j = nlohmann::json::parse(req.cursor, nullptr, false);
    if (!(j.is_object() && j.contains("c") && j["c"].is_number_integer() && j.contains("i") &&
          j["i"].is_string() && storage::IsUuid(j["i"].get<std::string>()))) {
      return Malformed("cursor", "is not a position in this list");
    }
    q.after = storage::ApplicationPosition{j["c"].get<int64_t>(), j["i"].get<std::string>()};
  }
  IRIS_ASSIGN_OR_RETURN(auto page,
                        pool_.Read([&](db::Tx& tx) { return applications_.List(tx, q); }));
  ApplicationList out;
  out.items = std::move(page.items);
  if (page.next) {
    out.next_cursor = nlohmann::json{{"c", page.next->created_at_us}, {"i", page.next->id}}.dump();
  }
  return out;
}

absl::StatusOr<domain::MembershipApplication> ApplicationUseCases::Approve(
    const Requester& who, const std::string& id, const std::string& note,
    int64_t expected_version) {
  return Decide(who, id, true, note, expected_version);
}

absl::StatusOr<domain::MembershipApplication> ApplicationUseCases::Reject(
    const Requester& who, const std::string& id, const std::string& note,
    int64_t expected_version) {
  return Decide(who, id, false, note, expected_version);
}

absl::StatusOr<domain::MembershipApplication> ApplicationUseCases::Decide(
    const Requester& who, const std::string& id, bool approve, const std::string& note,
    int64_t expected_version) {
  const auto& p = who.principal;
  const std::string verb = approve ? "approve" : "reject";
  const std::string trimmed(absl::StripAsciiWhitespace(note));
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::MembershipApplication> {
    // The row lock orders concurrent decisions; the second sees the first's outcome.
    IRIS_ASSIGN_OR_RETURN(auto a, applications_.FindForUpdate(tx, id));
    if (!domain::CanDecide(p, a)) return NotFound();
    if (expected_version != 0 && expected_version != a.version) {
      return status::Conflict("stale_version",
                              "the application is at version " + std::to_string(a.version) +
                                  ", not " + std::to_string(expected_version));
    }
    if (!approve && trimmed.empty()) return status::Invalid("note", "is required: say why");
    if (trimmed.size() > 2000) return status::Invalid("note", "must be at most 2000 characters");
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
      IRIS_RETURN_IF_ERROR(db::RecordChange(tx, kSchema, who.actor, created));
    }
    IRIS_ASSIGN_OR_RETURN(
        auto saved, applications_.Decide(tx, a.id,
                                         approve ? domain::ApplicationStatus::kApproved
                                                 : domain::ApplicationStatus::kRejected,
                                         trimmed, organization_id));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, who.actor,
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
