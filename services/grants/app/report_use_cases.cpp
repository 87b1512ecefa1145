#include "services/grants/app/report_use_cases.hpp"

#include <nlohmann/json.hpp>

#include "libs/db/constraints.hpp"
#include "libs/db/outbox.hpp"
#include "libs/status/status.hpp"
#include "libs/status/verbs.hpp"
#include "services/grants/app/grant_access.hpp"

namespace iris::grants::app {
namespace {

constexpr const char* kSchema = "grants";

// Thin payload: the narrative stays in the row.
db::Change ChangeOf(const domain::Report& r, const domain::Grant& g, std::string type,
                    std::string action, nlohmann::json audit) {
  db::Change c;
  c.type = std::move(type);
  c.subject_type = "grant_report";
  c.subject_id = r.id;
  c.country = g.country;
  c.payload = {{"id", r.id},
               {"grant_id", r.grant_id},
               {"organization_id", g.organization_id},  // its audience: the organisation
               {"country", g.country},
               {"kind", domain::ReportKindWord(r.kind)},
               {"status", domain::ReportStatusWord(r.status)},
               {"version", r.version}};
  c.action = std::move(action);
  c.audit = std::move(audit);
  return c;
}

// One report of each kind waits for a decision at a time (V004).
constexpr db::ConstraintRule kCreateRules[] = {
    {"reports_one_open_per_kind", "kind",
     "the grant already has a report of this kind waiting for a decision; once it is "
     "returned, change it (PATCH) and submit it again instead of filing another",
     "conflict"},
};

}  // namespace

absl::StatusOr<domain::Report> ReportUseCases::Create(const identity::Caller& caller,
                                                      const std::string& grant_id,
                                                      const domain::ReportInput& in) {
  if (caller.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Report> {
    IRIS_ASSIGN_OR_RETURN(auto g, awards_.FindById(tx, grant_id));
    IRIS_RETURN_IF_ERROR(RequireGrantee(caller, g, "report on a grant"));
    domain::Report draft;
    draft.grant_id = g.id;
    auto problems = domain::CheckNewReport(in, g.amount.currency, &draft);
    if (!problems.empty()) return status::Validation(problems);
    IRIS_ASSIGN_OR_RETURN(auto saved, reports_.Insert(tx, draft));
    IRIS_RETURN_IF_ERROR(db::RecordChange(tx, kSchema, caller,
                                          ChangeOf(saved, g, "grants.report.submitted", "create",
                                                   {{"fields", {"kind", "narrative", "spent"}}})));
    return saved;
  });
  return NotFoundAs(db::ExplainViolation(std::move(result), kCreateRules), "grant");
}

absl::StatusOr<domain::Report> ReportUseCases::Get(const identity::Caller& caller,
                                                   const std::string& id) {
  return NotFoundAs(pool_.Read([&](db::Tx& tx) -> absl::StatusOr<domain::Report> {
    IRIS_ASSIGN_OR_RETURN(auto r, reports_.FindById(tx, id));
    IRIS_ASSIGN_OR_RETURN(auto g, awards_.FindById(tx, r.grant_id));
    IRIS_RETURN_IF_ERROR(RequireFollower(caller, g, "grant report not found"));
    return r;
  }),
                    "grant report");
}

absl::StatusOr<std::vector<domain::Report>> ReportUseCases::List(const identity::Caller& caller,
                                                                 const std::string& grant_id) {
  return NotFoundAs(pool_.Read([&](db::Tx& tx) -> absl::StatusOr<std::vector<domain::Report>> {
    IRIS_ASSIGN_OR_RETURN(auto g, awards_.FindById(tx, grant_id));
    IRIS_RETURN_IF_ERROR(RequireFollower(caller, g, "grant not found"));
    return reports_.ListByGrant(tx, g.id);
  }),
                    "grant");
}

absl::StatusOr<domain::Report> ReportUseCases::Update(const identity::Caller& caller,
                                                      const std::string& id,
                                                      const domain::ReportInput& in,
                                                      int64_t expected_version) {
  if (caller.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  return NotFoundAs(pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Report> {
    IRIS_ASSIGN_OR_RETURN(auto r, reports_.FindForUpdate(tx, id));
    IRIS_ASSIGN_OR_RETURN(auto g, awards_.FindById(tx, r.grant_id));
    IRIS_RETURN_IF_ERROR(RequireGrantee(caller, g, "change reports"));
    IRIS_RETURN_IF_ERROR(status::CheckVersion("report", r.version, expected_version));
    std::vector<std::string> changed;
    auto problems = domain::ApplyReportPatch(in, g.amount.currency, &r, &changed);
    if (!problems.empty()) return status::Validation(problems);
    if (r.status != domain::ReportStatus::kReturned) {
      return status::Conflict("invalid_transition",
                              "only a returned report can be changed; this one is " +
                                  std::string(domain::ReportStatusWord(r.status)));
    }
    IRIS_ASSIGN_OR_RETURN(auto saved, reports_.Update(tx, r));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ChangeOf(saved, g, "grants.report.updated", "update", {{"fields", changed}})));
    return saved;
  }),
                    "grant report");
}

absl::StatusOr<domain::Report> ReportUseCases::Submit(const identity::Caller& caller,
                                                      const std::string& id,
                                                      const std::string& note,
                                                      int64_t expected_version) {
  return Move(caller, id, domain::ReportStatus::kSubmitted, note, expected_version);
}

absl::StatusOr<domain::Report> ReportUseCases::Accept(const identity::Caller& caller,
                                                      const std::string& id,
                                                      const std::string& note,
                                                      int64_t expected_version) {
  return Move(caller, id, domain::ReportStatus::kAccepted, note, expected_version);
}

absl::StatusOr<domain::Report> ReportUseCases::Return(const identity::Caller& caller,
                                                      const std::string& id,
                                                      const std::string& note,
                                                      int64_t expected_version) {
  return Move(caller, id, domain::ReportStatus::kReturned, note, expected_version);
}

absl::StatusOr<domain::Report> ReportUseCases::Move(const identity::Caller& caller,
                                                    const std::string& id, domain::ReportStatus to,
                                                    const std::string& note,
                                                    int64_t expected_version) {
  if (caller.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  const bool resubmit = to == domain::ReportStatus::kSubmitted;
  const std::string verb = resubmit                                ? "submit"
                           : to == domain::ReportStatus::kAccepted ? "accept"
                                                                   : "return";
  return NotFoundAs(pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Report> {
    IRIS_ASSIGN_OR_RETURN(auto r, reports_.FindForUpdate(tx, id));
    IRIS_ASSIGN_OR_RETURN(auto g, awards_.FindById(tx, r.grant_id));
    if (resubmit) {
      IRIS_RETURN_IF_ERROR(RequireGrantee(caller, g, "submit reports"));
    } else {
      IRIS_RETURN_IF_ERROR(RequireNetworkAdmin(caller, g, "accept and return reports"));
    }
    IRIS_RETURN_IF_ERROR(status::CheckVersion("report", r.version, expected_version));
    IRIS_ASSIGN_OR_RETURN(
        auto trimmed,
        status::VerbNote(note, to == domain::ReportStatus::kReturned, domain::kMaxReportNote));
    if (!domain::CanMove(r.status, to)) {
      return status::Conflict("invalid_transition",
                              "cannot " + verb + " a report that is " +
                                  std::string(domain::ReportStatusWord(r.status)));
    }
    const auto from = r.status;
    IRIS_ASSIGN_OR_RETURN(auto saved, reports_.Move(tx, r.id, from, to, trimmed));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ChangeOf(saved, g, "grants.report." + std::string(domain::ReportStatusWord(to)), verb,
                 {{"fields", {"status", "status_note", "status_changed_at"}},
                  {"from", domain::ReportStatusWord(from)},
                  {"to", domain::ReportStatusWord(to)}})));
    return saved;
  }),
                    "grant report");
}

}  // namespace iris::grants::app
