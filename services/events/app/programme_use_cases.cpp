#include "services/events/app/programme_use_cases.hpp"

#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "libs/db/outbox.hpp"
#include "libs/status/list_filters.hpp"
#include "libs/status/not_found.hpp"
#include "libs/status/status.hpp"

namespace iris::events::app {
namespace {

constexpr const char* kSchema = "events";

absl::Status Unauthenticated() {
  return absl::UnauthenticatedError("programmes and placements need credentials");
}
// Anonymous callers: 401; partners and reviewers: 403 (programmes are the network's own work,
// not what the partner integration reads).
absl::Status CheckReadsProgrammes(const identity::Caller& caller) {
  if (caller.anonymous()) return Unauthenticated();
  if (!domain::CanReadProgrammes(caller)) {
    return absl::PermissionDeniedError("programmes are read by staff and members");
  }
  return absl::OkStatus();
}
absl::Status PlacementNotFound() { return absl::NotFoundError("placement not found"); }

db::Change ProgrammeChange(const domain::Programme& p) {
  db::Change c;
  c.type = "events.programme.created";
  c.subject_type = "programme";
  c.subject_id = p.id;
  c.payload = {{"id", p.id}, {"kind", domain::ProgrammeKindWord(p.kind)}};
  c.action = "create";
  return c;
}

// Thin: ids and the country; the organisation's members and the country's staff hear of it.
db::Change PlacementChange(const domain::Placement& p, std::string event, std::string action,
                           nlohmann::json audit) {
  db::Change c;
  c.type = "events.placement." + event;
  c.subject_type = "placement";
  c.subject_id = p.id;
  c.country = p.country;
  c.payload = {{"id", p.id},
               {"programme_id", p.programme_id},
               {"organization_id", p.organization_id},
               {"country", p.country}};
  c.action = std::move(action);
  c.audit = std::move(audit);
  return c;
}

// What membership says of a placement's organisation, as problems on organization_id.
void CheckOrganization(const members::OrganizationFacts& org,
                       std::vector<values::InvalidField>* problems) {
  if (!org.exists) {
    problems->push_back({"organization_id", "is not a member organisation known to membership"});
  } else if (!org.active) {
    problems->push_back(
        {"organization_id", absl::StrCat("organisation ", org.name, " is ", org.status,
                                         ": only active members have placements")});
  }
}

}  // namespace

absl::StatusOr<domain::Programme> ProgrammeUseCases::CreateProgramme(
    const identity::Caller& caller, const domain::ProgrammePatch& fields) {
  if (caller.anonymous()) return Unauthenticated();
  if (!domain::CanCreateProgrammes(caller)) {
    return absl::PermissionDeniedError(
        "only network admins and national coordinators create programmes");
  }
  domain::Programme draft;
  auto problems = domain::NewProgramme(fields, &draft);
  if (!problems.empty()) return status::Validation(problems);
  return pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Programme> {
    IRIS_ASSIGN_OR_RETURN(auto saved, programmes_.InsertProgramme(tx, draft));
    IRIS_RETURN_IF_ERROR(db::RecordChange(tx, kSchema, caller, ProgrammeChange(saved)));
    return saved;
  });
}

absl::StatusOr<domain::Programme> ProgrammeUseCases::GetProgramme(const identity::Caller& caller,
                                                                  const std::string& id) {
  IRIS_RETURN_IF_ERROR(CheckReadsProgrammes(caller));
  return status::NotFoundAs(
      pool_.Read([&](db::Tx& tx) { return programmes_.FindProgramme(tx, id); }), "programme");
}

absl::StatusOr<pagination::Page<domain::Programme>> ProgrammeUseCases::ListProgrammes(
    const identity::Caller& caller, const ProgrammeListRequest& req) {
  IRIS_RETURN_IF_ERROR(CheckReadsProgrammes(caller));
  storage::ProgrammeQuery q;
  q.kind = req.kind;
  status::Validator v;
  std::set<std::string> kinds;
  for (auto k : domain::kAllProgrammeKinds) kinds.emplace(domain::ProgrammeKindWord(k));
  status::CheckAllowed("kind", q.kind, kinds, v);
  auto paging = pagination::KeysetRequestOf(req.page, storage::kProgrammeSorts);
  if (status::Collect(paging.status(), v)) q.page = *paging;
  IRIS_RETURN_IF_ERROR(v.FinishMalformed());
  IRIS_ASSIGN_OR_RETURN(auto rows,
                        pool_.Read([&](db::Tx& tx) { return programmes_.ListProgrammes(tx, q); }));
  return pagination::PageOf(std::move(rows), q.page, storage::kProgrammeSorts);
}

absl::StatusOr<domain::Placement> ProgrammeUseCases::CreatePlacement(
    const identity::Caller& caller, const std::string& programme_id,
    const domain::PlacementPatch& fields) {
  if (caller.anonymous()) return Unauthenticated();
  if (!caller.IsNetworkAdmin() && !caller.IsCoordinator()) {
    return absl::PermissionDeniedError(
        "only network admins and national coordinators create placements");
  }
  IRIS_ASSIGN_OR_RETURN(auto programme, status::NotFoundAs(pool_.Read([&](db::Tx& tx) {
                          return programmes_.FindProgramme(tx, programme_id);
                        }),
                                                           "programme"));
  domain::Placement draft;
  std::vector<std::string> changed;
  auto problems = domain::ApplyPlacement(fields, programme, true, &draft, &changed);
  if (!draft.organization_id.empty()) {
    // Asked before any transaction opens: no row is locked while membership answers.
    IRIS_ASSIGN_OR_RETURN(auto org, membership_.Organization(caller, draft.organization_id));
    CheckOrganization(org, &problems);
    if (org.exists && !domain::CanManagePlacements(caller, org.country)) {
      return absl::PermissionDeniedError(
          absl::StrCat("national coordinators create placements for organisations of their "
                       "country (",
                       caller.country, ") only"));
    }
    draft.country = org.country;
  }
  if (!problems.empty()) return status::Validation(problems);
  IRIS_RETURN_IF_ERROR(members::CheckTimeLeftToWrite(caller));
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Placement> {
    IRIS_ASSIGN_OR_RETURN(auto saved, programmes_.InsertPlacement(tx, draft));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller, PlacementChange(saved, "created", "create", {{"fields", changed}})));
    return saved;
  });
  return status::NotFoundAs(std::move(result), "programme");
}

absl::StatusOr<domain::Placement> ProgrammeUseCases::GetPlacement(const identity::Caller& caller,
                                                                  const std::string& id) {
  if (caller.anonymous()) return Unauthenticated();
  auto p = pool_.Read([&](db::Tx& tx) { return programmes_.FindPlacement(tx, id); });
  if (absl::IsNotFound(p.status()) || (p.ok() && !domain::CanSee(caller, *p))) {
    return PlacementNotFound();
  }
  return p;
}

absl::StatusOr<domain::Placement> ProgrammeUseCases::UpdatePlacement(
    const identity::Caller& caller, const std::string& id, const domain::PlacementPatch& fields,
    int64_t expected_version) {
  if (caller.anonymous()) return Unauthenticated();
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Placement> {
    IRIS_ASSIGN_OR_RETURN(auto current, programmes_.FindPlacementForUpdate(tx, id));
    if (!domain::CanSee(caller, current)) return PlacementNotFound();
    if (!domain::CanManagePlacements(caller, current.country)) {
      return absl::PermissionDeniedError(
          "only network admins and the coordinator of the organisation's country change "
          "placements");
    }
    IRIS_RETURN_IF_ERROR(status::CheckVersion("placement", current.version, expected_version));
    IRIS_ASSIGN_OR_RETURN(auto programme, programmes_.FindProgramme(tx, current.programme_id));
    domain::Placement next = current;
    std::vector<std::string> changed;
    auto problems = domain::ApplyPlacement(fields, programme, false, &next, &changed);
    if (!problems.empty()) return status::Validation(problems);
    // Nothing changed: no new version, no message (a PATCH is idempotent).
    if (changed.empty()) return current;
    IRIS_ASSIGN_OR_RETURN(auto saved, programmes_.UpdatePlacement(tx, next, current.version));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller, PlacementChange(saved, "updated", "update", {{"fields", changed}})));
    return saved;
  });
  return status::NotFoundAs(std::move(result), "placement");
}

absl::StatusOr<pagination::Page<domain::Placement>> ProgrammeUseCases::ListPlacements(
    const identity::Caller& caller, const PlacementListRequest& req) {
  IRIS_RETURN_IF_ERROR(CheckReadsProgrammes(caller));
  storage::PlacementQuery q;
  q.programme_id = req.programme_id;
  status::Validator v;
  auto paging = pagination::KeysetRequestOf(req.page, storage::kPlacementSorts);
  if (status::Collect(paging.status(), v)) q.page = *paging;
  IRIS_RETURN_IF_ERROR(v.FinishMalformed());
  // Each caller sees its own share: staff their country's (network admins every one),
  // members their organisation's (no one else reads programmes: refused above).
  if (caller.IsCoordinator()) q.country = caller.country;
  if (caller.IsMember()) q.organization_id = caller.organization_id;
  auto rows = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<pagination::Rows<domain::Placement>> {
    IRIS_RETURN_IF_ERROR(programmes_.FindProgramme(tx, q.programme_id).status());
    return programmes_.ListPlacements(tx, q);
  });
  IRIS_ASSIGN_OR_RETURN(auto found, status::NotFoundAs(std::move(rows), "programme"));
  return pagination::PageOf(std::move(found), q.page, storage::kPlacementSorts);
}

absl::StatusOr<domain::MentoringSession> ProgrammeUseCases::LogSession(
    const identity::Caller& caller, const std::string& placement_id,
    const domain::MentoringSessionPatch& fields) {
  if (caller.anonymous()) return Unauthenticated();
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::MentoringSession> {
    // Locked: sessions logged at once each count, and the cap is checked here, in turn, rather
    // than met as the CHECK's error.
    IRIS_ASSIGN_OR_RETURN(auto p, programmes_.FindPlacementForUpdate(tx, placement_id));
    if (!domain::CanSee(caller, p)) return PlacementNotFound();
    if (p.kind != domain::ProgrammeKind::kMentoring) {
      return status::Conflict("not_mentoring",
                              "sessions are logged on mentoring placements; this one is a "
                              "traineeship");
    }
    IRIS_ASSIGN_OR_RETURN(auto programme, programmes_.FindProgramme(tx, p.programme_id));
    domain::MentoringSession session;
    auto problems = domain::NewMentoringSession(fields, programme, &session);
    if (!problems.empty()) return status::Validation(problems);
    if (p.session_count >= domain::kMaxSessions) {
      return status::Conflict("conflict", absl::StrCat("a placement holds at most ",
                                                       domain::kMaxSessions, " sessions"));
    }
    IRIS_ASSIGN_OR_RETURN(auto saved, programmes_.AddSession(tx, p.id, session));
    db::Change change = PlacementChange(
        p, "session_logged", "log_session",
        {{"session_id", saved.id}, {"date", saved.date}, {"minutes", saved.minutes}});
    // The contract's thin payload: the placement and its organisation.
    change.payload = {{"id", p.id}, {"organization_id", p.organization_id}};
    IRIS_RETURN_IF_ERROR(db::RecordChange(tx, kSchema, caller, change));
    return saved;
  });
  return status::NotFoundAs(std::move(result), "placement");
}

absl::StatusOr<pagination::Page<domain::MentoringSession>> ProgrammeUseCases::ListSessions(
    const identity::Caller& caller, const SessionListRequest& req) {
  if (caller.anonymous()) return Unauthenticated();
  storage::SessionQuery q;
  q.placement_id = req.placement_id;
  status::Validator v;
  auto paging = pagination::KeysetRequestOf(req.page, storage::kMentoringSessionSorts);
  if (status::Collect(paging.status(), v)) q.page = *paging;
  IRIS_RETURN_IF_ERROR(v.FinishMalformed());
  auto rows =
      pool_.Read([&](db::Tx& tx) -> absl::StatusOr<pagination::Rows<domain::MentoringSession>> {
        IRIS_ASSIGN_OR_RETURN(auto p, programmes_.FindPlacement(tx, q.placement_id));
        if (!domain::CanSee(caller, p)) return PlacementNotFound();
        return programmes_.ListSessions(tx, q);
      });
  IRIS_ASSIGN_OR_RETURN(auto found, status::NotFoundAs(std::move(rows), "placement"));
  return pagination::PageOf(std::move(found), q.page, storage::kMentoringSessionSorts);
}

}  // namespace iris::events::app
