#include "services/grants/app/award_use_cases.hpp"

#include <nlohmann/json.hpp>

#include "libs/db/outbox.hpp"
#include "libs/status/list_filters.hpp"
#include "libs/status/status.hpp"
#include "libs/values/reference_codes.hpp"
#include "libs/values/uuid.hpp"

namespace iris::grants::app {
namespace {

constexpr const char* kSchema = "grants";

absl::Status ApplicationNotFound() { return absl::NotFoundError("grant application not found"); }

void CheckIds(std::string_view field, const std::vector<std::string>& ids, status::Validator& v) {
  for (const auto& id : ids) {
    if (!values::IsUuid(id)) v.Add(field, "'" + id + "' is not an id");
  }
}

}  // namespace

absl::StatusOr<domain::Grant> AwardUseCases::Award(const identity::Caller& caller,
                                                   const std::string& application_id,
                                                   const domain::AwardInput& in,
                                                   int64_t expected_version) {
  if (caller.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  if (!caller.IsNetworkAdmin()) {
    return absl::PermissionDeniedError("only network admins award grants");
  }
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Grant> {
    // Every award of a call queues on the call's row; the application is locked after it, so
    // two awards never lock in opposite orders.
    IRIS_ASSIGN_OR_RETURN(const std::string call_id, awards_.CallOfApplication(tx, application_id));
    IRIS_ASSIGN_OR_RETURN(const domain::AwardCall call, awards_.LockCall(tx, call_id));
    IRIS_ASSIGN_OR_RETURN(const domain::AwardApplication app,
                          awards_.LockApplication(tx, application_id));
    IRIS_RETURN_IF_ERROR(status::CheckVersion("application", app.version, expected_version));
    domain::AwardTerms terms;
    auto problems = domain::CheckAward(in, call.currency, app.requested, &terms);
    if (!problems.empty()) return status::Validation(problems);
    if (auto blocker = domain::AwardBlocker(call, app)) {
      return status::Conflict("invalid_transition", *blocker);
    }
    if (call.awarded + terms.amount.amount > call.budget) {
      return status::Conflict("over_budget", "the call has " +
                                                 std::to_string(call.budget - call.awarded) +
                                                 " of its budget left; the award needs " +
                                                 std::to_string(terms.amount.amount));
    }
    IRIS_ASSIGN_OR_RETURN(auto allocation, awards_.LockAllocation(tx, call.id, app.country));
    if (allocation && allocation->awarded + terms.amount.amount > allocation->amount) {
      return status::Conflict("over_allocation",
                              "the allocation of " + app.country + " has " +
                                  std::to_string(allocation->amount - allocation->awarded) +
                                  " left; the award needs " + std::to_string(terms.amount.amount));
    }
    // The conditional UPDATEs and the tables' CHECKs hold the sums even if the checks above
    // were wrong.
    IRIS_RETURN_IF_ERROR(awards_.AddToCall(tx, call.id, terms.amount.amount).status());
    if (allocation) {
      IRIS_RETURN_IF_ERROR(awards_.AddToAllocation(tx, call.id, app.country, terms.amount.amount));
    }
    IRIS_ASSIGN_OR_RETURN(const int sequence, awards_.NextContractSequence(tx, call.opens_year));
    IRIS_ASSIGN_OR_RETURN(const int64_t app_version, awards_.MarkApplicationAwarded(tx, app.id));
    domain::Grant g;
    g.application_id = app.id;
    g.call_id = call.id;
    g.organization_id = app.organization_id;
    g.organization_name = app.organization_name;
    g.country = app.country;
    g.project_title = app.project_title;
    g.amount = terms.amount;
    g.contract_number = domain::ContractNumber(call.opens_year, sequence);
    g.starts_on = terms.starts_on;
    g.ends_on = terms.ends_on;
    IRIS_ASSIGN_OR_RETURN(auto saved, awards_.Insert(tx, g));

    db::Change awarded;
    awarded.type = "grants.grant.awarded";
    awarded.subject_type = "grant";
    awarded.subject_id = saved.id;
    awarded.country = saved.country;
    awarded.payload = {{"id", saved.id},
                       {"application_id", saved.application_id},
                       {"call_id", saved.call_id},
                       {"organization_id", saved.organization_id},
                       {"country", saved.country},
                       {"amount", saved.amount.amount},
                       {"currency", saved.amount.currency},
                       {"contract_number", saved.contract_number},
                       {"version", saved.version}};
    awarded.action = "award";
    awarded.audit = {{"application_id", saved.application_id},
                     {"amount", saved.amount.amount},
                     {"call_awarded", call.awarded + saved.amount.amount}};
    IRIS_RETURN_IF_ERROR(db::RecordChange(tx, kSchema, caller, awarded));

    db::Change application;
    application.type = "grants.application.awarded";
    application.subject_type = "grant_application";
    application.subject_id = app.id;
    application.country = app.country;
    application.payload = {
        {"id", app.id},           {"call_id", call.id},  {"organization_id", app.organization_id},
        {"country", app.country}, {"status", "awarded"}, {"grant_id", saved.id},
        {"version", app_version}};
    application.action = "award";
    application.audit = {{"fields", {"status", "status_changed_at"}},
                         {"from", "under_review"},
                         {"to", "awarded"},
                         {"grant_id", saved.id}};
    IRIS_RETURN_IF_ERROR(db::RecordChange(tx, kSchema, caller, application));
    return saved;
  });
  if (absl::IsNotFound(result.status())) return ApplicationNotFound();
  return result;
}

absl::StatusOr<domain::Grant> AwardUseCases::Get(const std::string& id) {
  auto g = pool_.Read([&](db::Tx& tx) { return awards_.FindById(tx, id); });
  if (absl::IsNotFound(g.status())) return absl::NotFoundError("grant not found");
  return g;
}

absl::StatusOr<pagination::Page<domain::Grant>> AwardUseCases::List(const GrantListRequest& req) {
  storage::GrantQuery q;
  q.call_id = req.call_id;
  q.organization_id = req.organization_id;
  q.country = req.country;
  status::Validator v;
  CheckIds("call_id", q.call_id, v);
  CheckIds("organization_id", q.organization_id, v);
  status::CheckAllowed("country", q.country, values::CountryCodes(), v);
  auto paging = pagination::KeysetRequestOf(req.page, storage::kGrantSorts);
  if (status::Collect(paging.status(), v)) q.page = *paging;
  IRIS_RETURN_IF_ERROR(v.FinishMalformed());
  IRIS_ASSIGN_OR_RETURN(auto rows, pool_.Read([&](db::Tx& tx) { return awards_.List(tx, q); }));
  return pagination::PageOf(std::move(rows), q.page, storage::kGrantSorts);
}

}  // namespace iris::grants::app
