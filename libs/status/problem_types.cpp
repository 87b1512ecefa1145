#include "libs/status/problem_types.hpp"

#include <array>

#include "libs/status/status.hpp"

namespace iris::status {
namespace {

using C = absl::StatusCode;

// Names are snake_case and stable: clients switch on them. Adding one means documenting it in
// docs/openapi.yaml (Problem.type's enum); a test keeps both in step.
constexpr std::array kTypes = {
    ProblemType{"malformed", C::kInvalidArgument, 400, "The request cannot be read",
                "The request line, a header, the query, a path segment or the body could not be "
                "parsed (bad JSON, a key given twice, an unknown or empty query parameter, a bad "
                "cursor or limit, a repeated header that must be single). `errors[]` names the "
                "part when it can. Fix the request; sending it again unchanged fails again."},
    ProblemType{
        "unauthenticated", C::kUnauthenticated, 401, "Credentials are needed",
        "The operation needs a bearer token (`Authorization: Bearer ...`, from `POST "
        "/v1/auth/token`) or an API key (`Authorization: ApiKey ...`), and none was sent, or the "
        "credential sent is unknown or revoked."},
    ProblemType{"invalid_token", C::kUnauthenticated, 401, "The token is not valid",
                "The bearer token is malformed, forged, or expired. Sign in again (or refresh) "
                "and retry with the new token; on a public route, leave credentials out to be "
                "anonymous."},
    ProblemType{"invalid_credentials", C::kUnauthenticated, 401, "Wrong email or password",
                "Sign-in failed. Failed attempts are counted per email and per address "
                "(`RateLimit-*` headers say how many remain)."},
    ProblemType{"account_disabled", C::kUnauthenticated, 401, "The account is disabled",
                "A network admin disabled this account: it cannot sign in, and its tokens, "
                "sessions and API keys do not work until a network admin enables it again."},
    ProblemType{"forbidden", C::kPermissionDenied, 403, "Not allowed for this caller",
                "The caller may see the resource but its role or organisation does not allow "
                "this operation on it."},
    ProblemType{"insufficient_scope", C::kPermissionDenied, 403,
                "The API key's scope is too narrow",
                "The API key does not hold the scope this operation needs (a `read` key cannot "
                "write; a key cannot create a key wider than itself). Use a key with the scope."},
    ProblemType{"organization_read_only", C::kPermissionDenied, 403,
                "The organisation is read-only",
                "The caller's organisation is suspended or withdrawn: its members may read its "
                "data but not change it until a network admin reinstates it."},
    ProblemType{"not_found", C::kNotFound, 404, "Not found",
                "No such path, or no such resource visible to this caller (what a caller may not "
                "see is never revealed as existing)."},
    ProblemType{"method_not_allowed", C::kUnimplemented, 405, "Method not allowed",
                "The path exists but not with this method; the `Allow` header lists those that "
                "work."},
    ProblemType{"request_timeout", C::kDeadlineExceeded, 408, "The request took too long to arrive",
                "The request's head did not arrive within the header timeout (10 s by default), or "
                "the whole request within the body timeout (30 s). Send a request at once; the "
                "connection is closed after this answer."},
    ProblemType{"conflict", C::kAlreadyExists, 409, "Conflicts with stored data",
                "The change conflicts with data already stored (a unique value taken, a "
                "concurrent change); nothing was changed. Read the resource and decide."},
    ProblemType{"email_taken", C::kAlreadyExists, 409, "The email is taken",
                "Another account already has this email address (compared without case). Use "
                "another, or find the existing account."},
    ProblemType{"idempotency_in_flight", C::kAborted, 409,
                "A request with this Idempotency-Key is being served",
                "Another request with the same `Idempotency-Key` has not been answered yet. "
                "Retry a moment later: you will get its answer."},
    ProblemType{"invalid_transition", C::kFailedPrecondition, 409, "Not allowed in this state",
                "The resource's state does not allow this verb (e.g. approving an application "
                "already decided). Read its `status` first."},
    ProblemType{"call_not_open", C::kFailedPrecondition, 409, "The call is not open",
                "Applications are created and submitted only while their call is open, between "
                "its `opens_at` and `closes_at`. Read the call: it has not opened yet, has "
                "closed, or its deadline has passed."},
    ProblemType{"duplicate_application", C::kAlreadyExists, 409,
                "The organisation already applied to this call",
                "One application per organisation and call. Read the call's applications and "
                "change your organisation's draft instead."},
    ProblemType{"organization_not_eligible", C::kFailedPrecondition, 409,
                "The organisation may not apply to this call",
                "At submission membership said the organisation is not an active member (it is "
                "suspended or withdrawn) or is in a country the call does not list in "
                "`eligible_countries`. Nothing was submitted; `detail` says which."},
    ProblemType{"reviewer_conflict_of_interest", C::kFailedPrecondition, 409,
                "The reviewer belongs to the applicant organisation",
                "A reviewer may not review an application of its own organisation. Assign "
                "another reviewer."},
    ProblemType{"already_assigned", C::kAlreadyExists, 409, "The reviewer is already assigned",
                "This reviewer is already assigned to the application. Read its reviewers."},
    ProblemType{"already_reviewed", C::kAlreadyExists, 409,
                "The reviewer already reviewed the application",
                "Each assigned reviewer reviews an application once. Read its reviews."},
    ProblemType{"over_budget", C::kFailedPrecondition, 409, "The call's budget is exhausted",
                "The award would bring the grants of the call above its budget (awards are "
                "checked one at a time under the call's lock). Read the call's `awarded`, "
                "award less or not at all."},
    ProblemType{"over_allocation", C::kFailedPrecondition, 409,
                "The country's allocation is exhausted",
                "The award would bring the grants of the applicant's country above the call's "
                "allocation for that country. Read the call's `country_allocations`, award less "
                "or not at all."},
    ProblemType{"over_award", C::kFailedPrecondition, 409, "The tranches exceed the grant",
                "The tranche would bring the grant's planned and paid tranches above the amount "
                "awarded. Cancel a planned tranche or plan a smaller one."},
    ProblemType{"report_not_accepted", C::kFailedPrecondition, 409,
                "The required report is not accepted yet",
                "The tranche is paid only once the grant has an accepted report of the kind it "
                "`requires_report`. Wait for the grantee's report and accept it first."},
    ProblemType{"event_not_published", C::kFailedPrecondition, 409,
                "The event does not take registrations",
                "Registrations are taken while an event is published; this one is a draft, "
                "completed or cancelled. Read the event's `status`."},
    ProblemType{"registration_closed", C::kFailedPrecondition, 409, "Registration is not open",
                "Registrations are taken between the event's `registration.opens_at` (publication "
                "when absent) and `registration.closes_at` (the event's start when absent); now "
                "is outside that window. Read the event's `registration`."},
    ProblemType{"over_capacity", C::kFailedPrecondition, 409, "The event's places are taken",
                "Selecting (or confirming) one more participant, or lowering `capacity` below "
                "the places taken, would put the event over its capacity (places are counted "
                "one change at a time under the event's lock). Read the event's `places`; cancel "
                "or reject someone first, or raise the capacity."},
    ProblemType{"already_registered", C::kAlreadyExists, 409,
                "The person is already registered for the event",
                "This email already has a registration for the event that is not cancelled or "
                "rejected (emails compare without case). Read the event's registrations, or "
                "cancel the old one first."},
    ProblemType{"not_mentoring", C::kFailedPrecondition, 409,
                "The placement is not a mentoring placement",
                "Sessions are logged on placements of mentoring programmes only; this "
                "placement belongs to a traineeship. Read the placement's `kind`."},
    ProblemType{"too_many_files", C::kFailedPrecondition, 409, "The version has all its files",
                "A document version holds at most 20 files (its main file and annexes). Upload "
                "a file under the name of one it has to replace it, or create a new version."},
    ProblemType{"too_many_versions", C::kFailedPrecondition, 409,
                "The document has all its versions",
                "A document holds at most 100 versions. Replace the files of its latest "
                "version while it is unpublished, or start a new document."},
    ProblemType{"length_required", C::kFailedPrecondition, 411, "Content-Length is required",
                "A file upload must say its size up front: send the body with `Content-Length` "
                "(chunked `Transfer-Encoding` is not accepted for uploads)."},
    ProblemType{"stale_version", C::kFailedPrecondition, 412, "The resource has changed",
                "`If-Match` names an older version than the stored one: someone changed it "
                "since you read it. Fetch it again, re-apply your change, retry with the new "
                "`ETag`."},
    ProblemType{"payload_too_large", C::kResourceExhausted, 413, "The body is too large",
                "The request body is over the gateway's limit (1 MiB by default), or a file "
                "upload over the file limit (50 MiB by default, `IRIS_MAX_UPLOAD_BYTES` and "
                "`IRIS_DOCUMENTS_MAX_FILE_BYTES`). Send less; nothing was stored."},
    ProblemType{"uri_too_long", C::kResourceExhausted, 414, "The request line is too long",
                "The method, path and query together are over the gateway's limit (8 KiB by "
                "default): ask for fewer filter values at a time."},
    ProblemType{"unsupported_media_type", C::kUnimplemented, 415, "The body must be JSON",
                "Send the body with `Content-Type: application/json`."},
    ProblemType{"range_not_satisfiable", C::kOutOfRange, 416, "The range is outside the file",
                "The `Range` header asks for bytes past the end of the file (or none at all, "
                "`bytes=-0`). `Content-Range: bytes */<size>` gives the file's size: ask within "
                "it, or without `Range` for the whole file."},
    ProblemType{"validation", C::kInvalidArgument, 422, "The request breaks a rule",
                "The JSON was read but fields have the wrong type, unknown names or values "
                "that break a rule. `errors[]` lists each field (`organization.target_groups[2]`) "
                "with what is wrong (at most 100; `errors_omitted` counts the rest). Nothing was "
                "written."},
    ProblemType{"idempotency_key_reused", C::kInvalidArgument, 422,
                "The Idempotency-Key was used for another request",
                "In the last 24 hours this caller sent the same `Idempotency-Key` with a "
                "different method, path, query or body. Use a new key for a new request."},
    ProblemType{"headers_too_large", C::kResourceExhausted, 431, "The headers are too large",
                "Too many header lines, one too long, or all of them together too large (by "
                "default 100 lines, 8 KiB each, 32 KiB in all). Send fewer or shorter headers."},
    ProblemType{"rate_limited", C::kResourceExhausted, 429, "Too many requests",
                "Wait the seconds `Retry-After` says, then retry."},
    ProblemType{"internal", C::kInternal, 500, "Internal error",
                "Our bug, logged with the request id. Quote the `instance` when reporting it."},
    ProblemType{"not_implemented", C::kUnimplemented, 501, "Not implemented",
                "The request uses a feature this server does not implement (e.g. a transfer "
                "coding other than chunked)."},
    ProblemType{"unavailable", C::kUnavailable, 503, "Temporarily unavailable",
                "A service behind the gateway did not answer in time. Retry after the seconds "
                "`Retry-After` says. A request that changes data may have been carried out: "
                "read the resource before sending it again."},
    ProblemType{"overloaded", C::kUnavailable, 503, "The server is busy",
                "Too many requests are in flight on this gateway. Retry after `Retry-After`."},
};

const ProblemType& ByName(std::string_view name) { return *FindProblemType(name); }

const ProblemType& DefaultFor(absl::StatusCode code) {
  switch (code) {
    case C::kInvalidArgument: return ByName("validation");
    case C::kOutOfRange: return ByName("malformed");
    case C::kUnauthenticated: return ByName("unauthenticated");
    case C::kPermissionDenied: return ByName("forbidden");
    case C::kNotFound: return ByName("not_found");
    case C::kAlreadyExists:
    case C::kAborted:
    case C::kFailedPrecondition: return ByName("conflict");
    case C::kResourceExhausted: return ByName("rate_limited");
    case C::kUnimplemented: return ByName("not_implemented");
    case C::kUnavailable:
    case C::kDeadlineExceeded: return ByName("unavailable");
    default: return ByName("internal");
  }
}

}  // namespace

std::span<const ProblemType> ProblemTypes() { return kTypes; }

const ProblemType* FindProblemType(std::string_view name) {
  for (const auto& t : kTypes) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

const ProblemType& ProblemTypeOf(const absl::Status& status) {
  const ProblemType& by_code = DefaultFor(status.code());
  const ProblemType* registered = FindProblemType(DetailOf(status).reason());
  // A reason names the type when it fits the code: its own code, or one answered with the same
  // status (a constraint's "conflict" may ride an ABORTED). "malformed" on a RESOURCE_EXHAUSTED
  // is a 429, not a 400 in disguise.
  if (registered != nullptr &&
      (registered->code == status.code() || registered->http_status == by_code.http_status)) {
    return *registered;
  }
  return by_code;
}

}  // namespace iris::status
