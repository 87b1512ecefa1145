#include "services/grants/app/tranche_use_cases.hpp"

#include <nlohmann/json.hpp>

#include "libs/db/outbox.hpp"
#include "libs/status/status.hpp"
#include "libs/status/verbs.hpp"
#include "services/grants/app/grant_access.hpp"

namespace iris::grants::app {
namespace {

constexpr const char* kSchema = "grants";

db::Change ChangeOf(const domain::Tranche& t, const domain::Grant& g, std::string type,
                    std::string action, nlohmann::json audit) {
  db::Change c;
  c.type = std::move(type);
  c.subject_type = "tranche";
  c.subject_id = t.id;
  c.country = g.country;
  c.payload = {{"id", t.id},
               {"grant_id", t.grant_id},
               {"organization_id", g.organization_id},  // its audience: the organisation
               {"country", g.country},
               {"amount", t.amount.amount},
               {"currency", t.amount.currency},
               {"status", domain::TrancheStatusWord(t.status)},
               {"version", t.version}};
  c.action = std::move(action);
  c.audit = std::move(audit);
  return c;
}

}  // namespace

absl::StatusOr<domain::Tranche> TrancheUseCases::Create(const identity::Caller& caller,
                                                        const std::string& grant_id,
                                                        const domain::TrancheInput& in) {
  if (caller.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  return NotFoundAs(pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Tranche> {
    // The grant's row lock orders tranches of one grant: each sees the sum the previous
    // one left.
    IRIS_ASSIGN_OR_RETURN(auto g, awards_.FindForUpdate(tx, grant_id));
    IRIS_RETURN_IF_ERROR(RequireNetworkAdmin(caller, g, "plan tranches"));
    domain::Tranche draft;
    draft.grant_id = g.id;
    auto problems = domain::CheckTranche(in, g.amount.currency, &draft);
    if (!problems.empty()) return status::Validation(problems);
    if (g.planned + draft.amount.amount > g.amount.amount) {
      return status::Conflict("over_award", "the grant has " +
                                                std::to_string(g.amount.amount - g.planned) +
                                                " left to plan; the tranche needs " +
                                                std::to_string(draft.amount.amount));
    }
    IRIS_ASSIGN_OR_RETURN(auto updated, awards_.AddToSums(tx, g.id, draft.amount.amount, 0));
    IRIS_ASSIGN_OR_RETURN(auto saved, tranches_.Insert(tx, draft));
    IRIS_RETURN_IF_ERROR(
        db::RecordChange(tx, kSchema, caller,
                         ChangeOf(saved, updated, "grants.tranche.created", "create",
                                  {{"grant_planned", updated.planned}})));
    return saved;
  }),
                    "grant");
}

absl::StatusOr<std::vector<domain::Tranche>> TrancheUseCases::List(const identity::Caller& caller,
                                                                   const std::string& grant_id) {
  return NotFoundAs(pool_.Read([&](db::Tx& tx) -> absl::StatusOr<std::vector<domain::Tranche>> {
    IRIS_ASSIGN_OR_RETURN(auto g, awards_.FindById(tx, grant_id));
    IRIS_RETURN_IF_ERROR(RequireFollower(caller, g, "grant not found"));
    return tranches_.ListByGrant(tx, g.id);
  }),
                    "grant");
}

absl::StatusOr<domain::Tranche> TrancheUseCases::Pay(const identity::Caller& caller,
                                                     const std::string& id, const std::string& note,
                                                     int64_t expected_version) {
  return Settle(caller, id, domain::TrancheStatus::kPaid, note, expected_version);
}

absl::StatusOr<domain::Tranche> TrancheUseCases::Cancel(const identity::Caller& caller,
                                                        const std::string& id,
                                                        const std::string& note,
                                                        int64_t expected_version) {
  return Settle(caller, id, domain::TrancheStatus::kCancelled, note, expected_version);
}

absl::StatusOr<domain::Tranche> TrancheUseCases::Settle(const identity::Caller& caller,
                                                        const std::string& id,
                                                        domain::TrancheStatus to,
                                                        const std::string& note,
                                                        int64_t expected_version) {
  if (caller.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  const bool pay = to == domain::TrancheStatus::kPaid;
  const std::string verb = pay ? "pay" : "cancel";
  return NotFoundAs(pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Tranche> {
    // Which grant is read first, then locked before its tranche, as Create locks it: the
    // grant's sums change under the grant's lock only.
    IRIS_ASSIGN_OR_RETURN(auto seen, tranches_.FindById(tx, id));
    IRIS_ASSIGN_OR_RETURN(auto g, awards_.FindForUpdate(tx, seen.grant_id));
    IRIS_ASSIGN_OR_RETURN(auto t, tranches_.FindForUpdate(tx, id));
    IRIS_RETURN_IF_ERROR(RequireNetworkAdmin(caller, g, "pay and cancel tranches"));
    IRIS_RETURN_IF_ERROR(status::CheckVersion("tranche", t.version, expected_version));
    IRIS_ASSIGN_OR_RETURN(auto trimmed, status::VerbNote(note, false, domain::kMaxReportNote));
    if (!domain::CanMove(t.status, to)) {
      return status::Conflict("invalid_transition",
                              "cannot " + verb + " a tranche that is " +
                                  std::string(domain::TrancheStatusWord(t.status)));
    }
    if (pay && t.requires_report) {
      IRIS_ASSIGN_OR_RETURN(bool accepted, reports_.HasAccepted(tx, g.id, *t.requires_report));
      if (!accepted) {
        return status::Conflict("report_not_accepted",
                                "the tranche is paid once the grant's " +
                                    std::string(domain::ReportKindWord(*t.requires_report)) +
                                    " report is accepted");
      }
    }
    std::optional<domain::LocalDate> paid_on;
    if (pay) paid_on = domain::Today(domain::kDefaultTimeZone);
    IRIS_ASSIGN_OR_RETURN(auto updated, awards_.AddToSums(tx, g.id, pay ? 0 : -t.amount.amount,
                                                          pay ? t.amount.amount : 0));
    IRIS_ASSIGN_OR_RETURN(auto saved, tranches_.Settle(tx, t.id, to, paid_on, trimmed));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ChangeOf(saved, updated, pay ? "grants.tranche.paid" : "grants.tranche.cancelled", verb,
                 {{"fields", {"status", "status_note", "status_changed_at", "paid_on"}},
                  {"from", "planned"},
                  {"to", domain::TrancheStatusWord(saved.status)},
                  {"grant_paid", updated.paid}})));
    return saved;
  }),
                    "tranche");
}

}  // namespace iris::grants::app
