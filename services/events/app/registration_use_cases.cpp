#include "services/events/app/registration_use_cases.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include "absl/strings/str_cat.h"
#include "libs/db/constraints.hpp"
#include "libs/status/list_filters.hpp"
#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"

namespace iris::events::app {
namespace {

constexpr const char* kSchema = "events";

values::Time Now() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

// One live registration per email and event (a cancelled or rejected one may register again).
constexpr db::ConstraintRule kCreateRules[] = {
    {"registrations_one_per_person", "person.email",
     "this email is already registered for the event", "already_registered"},
    kPlacesRules[0],
};

absl::Status EventNotFound() { return absl::NotFoundError("event not found"); }

absl::Status Refused(const domain::Refusal& r) {
  if (r.reason == "unauthenticated") return absl::UnauthenticatedError(r.message);
  if (r.reason == "forbidden") return absl::PermissionDeniedError(r.message);
  return status::Conflict(r.reason, r.message);
}

// The event as `caller` may know it: a draft exists only for the staff who manage it.
absl::StatusOr<domain::EventFacts> VisibleEvent(db::Tx& tx, storage::RegistrationRepository& repo,
                                                const identity::Caller& caller,
                                                const std::string& event_id) {
  auto e = repo.FindEvent(tx, event_id);
  if (absl::IsNotFound(e.status()) || (e.ok() && !domain::SeesEvent(caller, *e))) {
    return EventNotFound();  // never the id sent back: it is the client's text
  }
  return e;
}

}  // namespace

absl::Status RegistrationNotFound() { return absl::NotFoundError("registration not found"); }

db::Change RegistrationChange(const domain::EventFacts& e, const domain::Registration& r,
                              std::string type, std::string action, nlohmann::json audit) {
  db::Change c;
  c.type = std::move(type);
  c.subject_type = "registration";
  c.subject_id = r.id;
  c.country = e.country;
  c.payload = {{"id", r.id},
               {"event_id", r.event_id},
               {"organization_id",
                r.organization_id.empty() ? nlohmann::json() : nlohmann::json(r.organization_id)},
               {"status", domain::RegistrationStatusWord(r.status)}};
  c.action = std::move(action);
  c.audit = std::move(audit);
  return c;
}

absl::StatusOr<domain::Registration> RegistrationUseCases::Create(
    const identity::Caller& caller, const std::string& event_id,
    const domain::RegistrationPatch& fields) {
  // Every check that needs no one else first, so a refused registration never waits on
  // membership; then membership, outside any transaction; then the write under the event's lock.
  // Who may register (401/403) is told before the event's state or window (409): a caller who
  // may not register learns nothing of the window.
  domain::Registrant first_answer;
  auto checked = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<domain::Registration> {
    IRIS_ASSIGN_OR_RETURN(auto event, VisibleEvent(tx, registrations_, caller, event_id));
    first_answer = domain::WhoRegisters(caller, event, fields.organization_id);
    if (first_answer.refusal) return Refused(*first_answer.refusal);
    if (auto refusal = domain::RefuseRegistration(event, Now())) return Refused(*refusal);
    domain::Registration r;
    r.event_id = event.id;
    r.organization_id = first_answer.organization_id;
    auto problems = domain::ApplyNew(fields, &r);
    if (first_answer.problem) {
      problems.push_back(*first_answer.problem);
    } else if (!r.organization_id.empty() && !values::IsUuid(r.organization_id)) {
      problems.push_back({"organization_id", "must be an organisation id (a UUID)"});
    }
    IRIS_RETURN_IF_ERROR(status::Validation(problems));
    return r;
  });
  IRIS_RETURN_IF_ERROR(checked.status());
  if (!checked->organization_id.empty()) {
    IRIS_ASSIGN_OR_RETURN(auto org, membership_.Organization(caller, checked->organization_id));
    if (auto problem = domain::CheckOrganisation(caller, checked->organization_id, org.exists,
                                                 org.active, org.name, org.status)) {
      return status::Invalid(problem->field, problem->message);
    }
    IRIS_RETURN_IF_ERROR(members::CheckTimeLeftToWrite(caller));
  }

  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Registration> {
    // Again under the lock: the event may have closed, been cancelled or filled meanwhile, or
    // changed its audience or country (who may register, for which organisation).
    IRIS_ASSIGN_OR_RETURN(auto event, registrations_.LockEvent(tx, checked->event_id));
    if (!domain::SeesEvent(caller, event)) return EventNotFound();
    const auto answer = domain::WhoRegisters(caller, event, fields.organization_id);
    if (answer.refusal) return Refused(*answer.refusal);
    if (answer.problem) return status::Invalid(answer.problem->field, answer.problem->message);
    if (!(answer == first_answer)) {
      return status::WithDetail(
          absl::AlreadyExistsError("the event changed while the registration was checked: send "
                                   "it again"),
          "conflict");
    }
    if (auto refusal = domain::RefuseRegistration(event, Now())) return Refused(*refusal);
    domain::Registration r = *checked;
    r.status = domain::InitialStatus(event);
    IRIS_ASSIGN_OR_RETURN(auto saved, registrations_.Insert(tx, r, caller.subject));
    IRIS_RETURN_IF_ERROR(
        registrations_.MovePlaces(tx, event.id, domain::DeltaOf({}, saved.status)));
    std::vector<std::string> sent{"person"};
    if (!saved.organization_id.empty()) sent.push_back("organization_id");
    if (!saved.motivation.empty()) sent.push_back("motivation");
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        RegistrationChange(
            event, saved, "events.registration.created", "create",
            {{"fields", sent}, {"to", domain::RegistrationStatusWord(saved.status)}})));
    return saved;
  });
  return db::ExplainViolation(std::move(result), kCreateRules);
}

absl::StatusOr<domain::Registration> RegistrationUseCases::Get(const identity::Caller& caller,
                                                               const std::string& id) {
  if (caller.anonymous()) return RegistrationNotFound();
  auto r = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<domain::Registration> {
    IRIS_ASSIGN_OR_RETURN(auto found, registrations_.FindById(tx, id));
    IRIS_ASSIGN_OR_RETURN(auto event, registrations_.FindEvent(tx, found.event_id));
    if (!domain::CanSee(caller, event, found)) return RegistrationNotFound();
    return found;
  });
  if (absl::IsNotFound(r.status())) return RegistrationNotFound();
  return r;
}

absl::StatusOr<pagination::Page<domain::Registration>> RegistrationUseCases::List(
    const identity::Caller& caller, const RegistrationListRequest& req) {
  if (caller.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  storage::RegistrationQuery q;
  q.event_id = req.event_id;
  q.status = req.status;
  q.organization = req.organization_id;
  status::Validator v;
  std::set<std::string> statuses;
  for (auto s : domain::kAllRegistrationStatuses) {
    statuses.emplace(domain::RegistrationStatusWord(s));
  }
  status::CheckAllowed("status", q.status, statuses, v);
  // Named as the query parameter, as every list names its filters (the contract fuzzer checks).
  if (!std::all_of(q.organization.begin(), q.organization.end(), values::IsUuid)) {
    v.Add("organization_id", "each value must be an organisation id (a UUID)");
  }
  auto paging = pagination::KeysetRequestOf(req.page, storage::kRegistrationSorts);
  if (status::Collect(paging.status(), v)) q.page = *paging;
  IRIS_RETURN_IF_ERROR(v.FinishMalformed());
  IRIS_ASSIGN_OR_RETURN(
      auto rows,
      pool_.Read([&](db::Tx& tx) -> absl::StatusOr<pagination::Rows<domain::Registration>> {
        IRIS_ASSIGN_OR_RETURN(auto event, VisibleEvent(tx, registrations_, caller, req.event_id));
        q.see_all = domain::IsStaffFor(caller, event);
        if (!q.see_all && !caller.IsMember()) {
          // Partners, reviewers, coordinators of other countries: no registration is theirs.
          return pagination::Rows<domain::Registration>{};
        }
        if (!q.see_all) q.organization_id = caller.organization_id;
        return registrations_.List(tx, q);
      }));
  return pagination::PageOf(std::move(rows), q.page, storage::kRegistrationSorts);
}

absl::StatusOr<storage::Certificate> RegistrationUseCases::GetCertificate(const std::string& code) {
  const auto not_found = absl::NotFoundError("certificate not found");
  // People type codes from paper: iris-00aa… is the certificate IRIS-00AA….
  const std::string normalised = domain::NormalisedCertificateCode(code);
  if (!domain::LooksLikeCertificateCode(normalised)) return not_found;
  auto c = pool_.Read([&](db::Tx& tx) { return registrations_.FindCertificate(tx, normalised); });
  if (absl::IsNotFound(c.status())) return not_found;
  return c;
}

}  // namespace iris::events::app
