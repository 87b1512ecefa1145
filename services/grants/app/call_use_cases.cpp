#include "services/grants/app/call_use_cases.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "libs/db/outbox.hpp"
#include "libs/status/list_filters.hpp"
#include "libs/status/status.hpp"
#include "libs/status/verbs.hpp"
#include "libs/values/reference_codes.hpp"
#include "libs/values/text.hpp"
#include "libs/values/text_rules.hpp"

namespace iris::grants::app {
namespace {

constexpr const char* kSchema = "grants";

absl::Status NotFound() { return absl::NotFoundError("grant call not found"); }

// Thin payload: ids, states and the call's countries; subscribers fetch the rest. The title
// (every language) and closes_at are there too: notifications makes the "closes soon"
// reminder from them, and it asks grants nothing.
db::Change ChangeOf(const domain::GrantCall& c, std::string event, std::string action,
                    nlohmann::json audit) {
  db::Change change;
  change.type = "grants.call." + event;
  change.subject_type = "grant_call";
  change.subject_id = c.id;
  change.payload = {
      {"id", c.id},
      {"status", domain::CallStatusWord(c.status)},
      {"eligible_countries", c.eligible_countries},
      {"title", c.title},
      {"closes_at", absl::FormatTime("%Y-%m-%dT%H:%M:%E*SZ", absl::FromChrono(c.closes_at),
                                     absl::UTCTimeZone())},
      {"version", c.version}};
  change.action = std::move(action);
  change.audit = std::move(audit);
  return change;
}

// Who may not change a call: a draft stays invisible (404), a visible call is 401/403.
absl::Status Refused(const identity::Caller& caller, const domain::GrantCall& c,
                     std::string_view what) {
  if (!domain::CanSee(caller, c)) return NotFound();
  if (caller.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  return absl::PermissionDeniedError(
      absl::StrCat("only network admins ", std::string(what), " grant calls"));
}

values::Time Now() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

}  // namespace

absl::StatusOr<domain::GrantCall> CallUseCases::Create(const identity::Caller& caller,
                                                       const domain::CallPatch& fields) {
  if (caller.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  if (!domain::CanManageCalls(caller)) {
    return absl::PermissionDeniedError("only network admins create grant calls");
  }
  domain::GrantCall draft;
  auto problems = domain::NewCall(fields, &draft);
  if (!problems.empty()) return status::Validation(problems);
  return pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::GrantCall> {
    IRIS_ASSIGN_OR_RETURN(auto saved, calls_.Insert(tx, draft));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller, ChangeOf(saved, "created", "create", nlohmann::json::object())));
    return saved;
  });
}

absl::StatusOr<domain::GrantCall> CallUseCases::Get(const identity::Caller& caller,
                                                    const std::string& id) {
  auto c = pool_.Read([&](db::Tx& tx) { return calls_.FindById(tx, id); });
  if (absl::IsNotFound(c.status())) return NotFound();
  IRIS_RETURN_IF_ERROR(c.status());
  if (!domain::CanSee(caller, *c)) return NotFound();
  return c;
}

absl::StatusOr<domain::GrantCall> CallUseCases::Update(const identity::Caller& caller,
                                                       const std::string& id,
                                                       const domain::CallPatch& fields,
                                                       int64_t expected_version) {
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::GrantCall> {
    // Locked: a verb (open, close) waits for this change, or this change sees its outcome.
    IRIS_ASSIGN_OR_RETURN(auto current, calls_.FindForUpdate(tx, id));
    if (!domain::CanManageCalls(caller)) return Refused(caller, current, "change");
    IRIS_RETURN_IF_ERROR(status::CheckVersion("grant call", current.version, expected_version));
    if (current.status == domain::CallStatus::kArchived) {
      return status::Conflict("invalid_transition", "an archived grant call cannot be changed");
    }
    domain::GrantCall next = current;
    std::vector<std::string> changed;
    auto problems = domain::ApplyPatch(fields, &next, &changed);
    if (!problems.empty()) return status::Validation(problems);
    // Nothing changed: no new version, no message (a PATCH is idempotent).
    if (changed.empty()) return current;
    const bool allocations_changed =
        std::find(changed.begin(), changed.end(), "country_allocations") != changed.end();
    IRIS_ASSIGN_OR_RETURN(auto saved,
                          calls_.Update(tx, next, current.version, allocations_changed));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller, ChangeOf(saved, "updated", "update", {{"fields", changed}})));
    return saved;
  });
  if (absl::IsNotFound(result.status())) return NotFound();
  return result;
}

absl::StatusOr<pagination::Page<domain::GrantCall>> CallUseCases::List(
    const identity::Caller& caller, const CallListRequest& req) {
  storage::CallQuery q;
  q.include_drafts = domain::CanManageCalls(caller);
  q.status = req.status;
  q.country = req.country;
  for (auto& c : q.country) absl::AsciiStrToUpper(&c);
  status::Validator v;
  std::set<std::string> statuses;
  for (auto s : domain::kAllCallStatuses) statuses.emplace(domain::CallStatusWord(s));
  status::CheckAllowed("status", q.status, statuses, v, &req.status);
  status::CheckAllowed("country", q.country, values::CountryCodes(), v, &req.country);
  auto paging = pagination::KeysetRequestOf(req.page, storage::kCallSorts);
  if (status::Collect(paging.status(), v)) q.page = *paging;
  IRIS_RETURN_IF_ERROR(v.FinishMalformed());
  IRIS_ASSIGN_OR_RETURN(auto rows, pool_.Read([&](db::Tx& tx) { return calls_.List(tx, q); }));
  return pagination::PageOf(std::move(rows), q.page, storage::kCallSorts);
}

absl::StatusOr<domain::GrantCall> CallUseCases::Act(const identity::Caller& caller,
                                                    const std::string& id, domain::CallVerb verb,
                                                    const std::string& note,
                                                    int64_t expected_version) {
  const std::string verb_word(domain::CallVerbWord(verb));
  const std::string trimmed(absl::StripAsciiWhitespace(note));
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::GrantCall> {
    // The call's row lock orders this step against awards, submissions' checks and other
    // verbs: closing and moving the submitted applications happen as one.
    IRIS_ASSIGN_OR_RETURN(auto c, calls_.FindForUpdate(tx, id));
    if (!domain::CanManageCalls(caller)) return Refused(caller, c, verb_word);
    IRIS_RETURN_IF_ERROR(status::CheckVersion("grant call", c.version, expected_version));
    IRIS_RETURN_IF_ERROR(status::VerbNote(trimmed, false, domain::kMaxStatusNote).status());
    const auto to = domain::Transition(c.status, verb);
    if (!to) {
      return status::Conflict("invalid_transition",
                              absl::StrCat("cannot ", verb_word, " a grant call that is ",
                                           std::string(domain::CallStatusWord(c.status))));
    }
    nlohmann::json audit = {{"from", domain::CallStatusWord(c.status)},
                            {"to", domain::CallStatusWord(*to)}};
    if (verb == domain::CallVerb::kOpen && c.closes_at <= Now()) {
      return status::Conflict(
          "invalid_transition",
          "cannot open a grant call whose closing time has passed; move closes_at first");
    }
    if (verb == domain::CallVerb::kFinalize) {
      IRIS_ASSIGN_OR_RETURN(int64_t pending, calls_.CountUnderReview(tx, c.id));
      if (pending > 0) {
        return status::Conflict("invalid_transition",
                                absl::StrCat("cannot finalize: ", pending,
                                             pending == 1 ? " application is" : " applications are",
                                             " still under review; award or reject ",
                                             pending == 1 ? "it" : "them", " first"));
      }
    }
    if (verb == domain::CallVerb::kClose) {
      IRIS_ASSIGN_OR_RETURN(auto moved, calls_.StartReview(tx, c.id));
      audit["applications_under_review"] = moved.size();
      // Each application changed state: its own message and audit entry, as any change.
      for (const auto& a : moved) {
        db::Change change;
        change.type = "grants.application.under_review";
        change.subject_type = "grant_application";
        change.subject_id = a.id;
        change.country = a.country;
        change.payload = {{"id", a.id},
                          {"call_id", c.id},
                          {"organization_id", a.organization_id},
                          {"country", a.country},
                          {"status", "under_review"},
                          {"version", a.version}};
        change.action = "review";
        change.audit = {{"from", "submitted"}, {"to", "under_review"}, {"by", "call.close"}};
        IRIS_RETURN_IF_ERROR(db::RecordChange(tx, kSchema, caller, change));
      }
    }
    IRIS_ASSIGN_OR_RETURN(auto saved, calls_.SetStatus(tx, c.id, c.status, *to, trimmed));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ChangeOf(saved, std::string(domain::CallEventWord(verb)), verb_word, audit)));
    return saved;
  });
  if (absl::IsNotFound(result.status())) return NotFound();
  return result;
}

}  // namespace iris::grants::app
