// REST conventions every route reuses (API.md "Conventions"): list pages with signed cursors,
// unpaged lists, If-Match preconditions, ETags, 201 + Location, 204, JSON bodies and verb bodies.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/message.h>
#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "iris/common/v1/common.pb.h"
#include "libs/json/proto_json.hpp"
#include "libs/pagination/cursor.hpp"
#include "services/gateway/routes/route.hpp"

namespace iris::gateway::rest {

// The query parameters of a list route: its filters, then `limit`, `cursor`, `sort` and
// `include`. Filters that take several values are also listed in Route::repeatable.
std::vector<std::string> ListQuery(std::vector<std::string> filters = {});

// The query parameter `name`, or "" when absent.
std::string Query(const RequestContext& r, std::string_view name);

// The path parameter `name` as a number 1..2^31-1 (e.g. {n} of .../versions/{n}); anything else
// names nothing: NOT_FOUND with `missing` as its message (404, like an unknown id).
absl::StatusOr<int32_t> PositivePathNumber(const RequestContext& r, const std::string& name,
                                           std::string_view missing);

// Every value of the query parameter `name` (a repeatable filter) into `out`.
template <typename Repeated>
void QueryInto(const RequestContext& r, std::string_view name, Repeated* out) {
  for (auto& v : r.http.QueryValues(name)) out->Add(std::move(v));
}

// `?limit=`, `?cursor=`, `?sort=` and `?include=total` as a PageRequest for a service: limit 0
// means the service default, sort "" the list's default order (the service checks the name);
// the cursor is verified and unwrapped to the position the service issued. A cursor is bound
// to its list (`list`, e.g. "organizations") and sort: one from another list or order, a
// tampered one, a bad limit or include is INVALID_ARGUMENT reason "malformed" (400).
absl::StatusOr<iris::common::v1::PageRequest> PageRequestOf(const RequestContext& r,
                                                            const pagination::CursorCodec& codec,
                                                            std::string_view list);

// {"items": [...], "next_cursor": "<signed>" | null} from a service's items (JSON text of an
// array) and page, with "total" and "total_exact" when the page counted them. The service's
// next_cursor (its raw position) is signed for `list` and `sort`; empty means the last page.
std::string ListBody(std::string_view items, const iris::common::v1::PageResponse& page,
                     const pagination::CursorCodec& codec, std::string_view list,
                     std::string_view sort);

// The `items` of a list response as JSON text ("[]" when it has none), written in one pass.
std::string ItemsJson(const google::protobuf::Message& response);

// For list responses shaped {repeated items = 1; PageResponse page = 2;}, answering `request`.
template <typename Response>
Reply ListReply(const Response& response, const iris::common::v1::PageRequest& request,
                const pagination::CursorCodec& codec, std::string_view list) {
  return Reply::Raw(200, "application/json",
                    ListBody(ItemsJson(response), response.page(), codec, list, request.sort()));
}

// {"items": [...], "next_cursor": null} for lists that always fit one page (reference data,
// the caller's API keys): the list shape of every other list, so clients page them alike. For
// responses shaped {repeated items = 1;}; `cache_control` says who may keep the reply how long.
Reply UnpagedList(const google::protobuf::Message& response, std::string_view cache_control);

// If-Match as the version a change expects: absent or "*" -> 0 (no precondition); "7" or
// W/"7" -> 7 (weak and strong compare alike: our tags are versions, not bytes). Anything else,
// lists of several tags included, is INVALID_ARGUMENT reason "malformed" (400): a client that
// cannot form the header should not learn "stale" from us.
absl::StatusOr<int64_t> ExpectedVersion(const RequestContext& r);

// The strong entity tag of a version: "7" (quotes included). A resource whose body also shows
// data of another resource (a service's organization_name) passes that data as `variant`:
// "7.<tag of variant>", so a cached copy is not revalidated after the other changed, while
// If-Match still compares the version only (ExpectedVersion ignores what follows the dot).
std::string Etag(int64_t version, std::string_view variant = "");

// A single resource with its ETag.
Reply Resource(const google::protobuf::Message& m, int64_t version, int status = 200,
               std::string_view variant = "");
// 201 Created with Location and ETag.
Reply Created(const google::protobuf::Message& m, int64_t version, std::string location,
              std::string_view variant = "");
// 201 Created with Location, for a resource without a version (an API key): no ETag.
Reply Created(const google::protobuf::Message& m, std::string location);
// 204 No Content.
Reply NoContent();
// A problem+json reply for a route that adds headers of its own (sign-in's rate limits);
// otherwise a route returns the status and the chain renders it.
Reply Problem(const absl::Status& status, const RequestContext& r);

// The JSON body (a Body::kJson route) into `out`, and the names of the top-level fields the
// client sent into `fields`, so a service writes only those (PATCH) and can name read-only
// ones. Not an object: INVALID_ARGUMENT (422). Unknown fields, wrong types and unknown enum
// words go to r.body_errors and their fields are left out: the route's Call then makes a dry
// run of the rest and answers every error at once (body_errors.hpp).
// `fields` must not point into `out` (e.g. req.mutable_fields()): FromJson clears `out`, which
// deletes its submessages, so such a pointer dangles and the gateway dies on the next write to
// it. Collect into a FieldMask of the route's own and copy it in afterwards.
absl::Status BodyInto(RequestContext& r, google::protobuf::Message* out,
                      google::protobuf::FieldMask* fields);

// A verb's optional body {"note": "..."} (Body::kNone routes: no body is fine). With a body,
// Content-Type must be JSON (415) and it must parse (400); other fields or a non-string note
// are 422. Returns the note, "" when absent.
absl::StatusOr<std::string> VerbNote(const RequestContext& r);

// What every state-change verb receives: the If-Match version and the optional note.
struct VerbRequest {
  int64_t expected_version = 0;
  std::string note;
};
using VerbHandler = std::function<absl::StatusOr<Reply>(RequestContext&, const VerbRequest&)>;

// POST <resource_path>/<verb> (Stripe-style state change, API.md "Verbs"): reads If-Match and
// the optional {"note"} body as above, then hands both to `act`.
Route Verb(const std::string& resource_path, std::string_view verb, Access access, VerbHandler act);

}  // namespace iris::gateway::rest
