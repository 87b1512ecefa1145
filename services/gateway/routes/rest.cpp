#include "services/gateway/routes/rest.hpp"

#include <charconv>
#include <set>

#include "libs/json/api_writer.hpp"
#include "libs/json/json_text.hpp"
#include "libs/status/problem.hpp"
#include "libs/status/status.hpp"
#include "services/gateway/http/compression.hpp"
#include "services/gateway/http/http_types.hpp"
#include "services/gateway/routes/body_errors.hpp"

namespace iris::gateway::rest {
namespace {

using status::Malformed;

}  // namespace

std::vector<std::string> ListQuery(std::vector<std::string> filters) {
  for (const char* paging : {"limit", "cursor", "sort", "include"}) filters.push_back(paging);
  return filters;
}

std::string Query(const RequestContext& r, std::string_view name) {
  return r.http.QueryValue(name).value_or("");
}

absl::StatusOr<int32_t> PositivePathNumber(const RequestContext& r, const std::string& name,
                                           std::string_view missing) {
  const std::string raw = r.PathParam(name);
  int32_t n = 0;
  const char* end = raw.data() + raw.size();
  const auto [at, ec] = std::from_chars(raw.data(), end, n);
  if (raw.empty() || ec != std::errc() || at != end || n < 1) {
    return status::WithDetail(absl::NotFoundError(std::string(missing)), "not_found");
  }
  return n;
}

namespace {

// The sort a cursor is bound to: every list's default order is created_at, so `sort=created_at`
// and no sort are one order and share cursors.
std::string CursorSort(std::string_view sort) {
  return sort == "created_at" ? "" : std::string(sort);
}

}  // namespace

absl::StatusOr<iris::common::v1::PageRequest> PageRequestOf(const RequestContext& r,
                                                            const pagination::CursorCodec& codec,
                                                            std::string_view list) {
  iris::common::v1::PageRequest page;
  const auto limit = r.http.QueryValue("limit");
  if (limit) {
    // An explicit empty ?limit= is as malformed as ?limit=abc (the chain refuses it first).
    if (limit->empty()) return pagination::MalformedLimit();
    IRIS_ASSIGN_OR_RETURN(int n, pagination::ParseLimit(*limit));
    page.set_limit(n);
  }
  page.set_sort(Query(r, "sort"));
  if (const auto include = r.http.QueryValue("include")) {
    if (*include != "total") return Malformed("include", "must be total");
    page.set_include_total(true);
  }
  const std::string cursor = Query(r, "cursor");
  if (!cursor.empty()) {
    IRIS_ASSIGN_OR_RETURN(auto wrapped, codec.Decode(cursor));
    if (!wrapped.is_object() || wrapped.value("l", "") != list || !wrapped.contains("p") ||
        !wrapped["p"].is_string()) {
      return Malformed("cursor", "is not a cursor of this list");
    }
    // A position in one order means nothing in another: page with the sort it was issued for.
    if (CursorSort(wrapped.value("s", "")) != CursorSort(page.sort())) {
      return Malformed("cursor", "belongs to sort=" + wrapped.value("s", "") +
                                     "; send the sort the cursor was issued for");
    }
    page.set_cursor(wrapped["p"].get<std::string>());
  }
  return page;
}

std::string ListBody(std::string_view items, const iris::common::v1::PageResponse& page,
                     const pagination::CursorCodec& codec, std::string_view list,
                     std::string_view sort) {
  // Keys in name order, as every other body of the API.
  std::string body = "{\"items\":";
  body += items.empty() ? "[]" : items;
  body += ",\"next_cursor\":";
  if (page.next_cursor().empty()) {
    body += "null";
  } else {
    nlohmann::json scope{{"l", list}, {"p", page.next_cursor()}};
    if (!CursorSort(sort).empty()) scope["s"] = CursorSort(sort);
    json::text::AppendString(codec.Encode(scope), &body);
  }
  if (page.has_total()) {
    body += ",\"total\":";
    json::text::AppendInt(page.total(), &body);
    body += page.total_exact() ? ",\"total_exact\":true" : ",\"total_exact\":false";
  }
  body += '}';
  return body;
}

std::string ItemsJson(const google::protobuf::Message& response) {
  const auto* items = response.GetDescriptor()->FindFieldByName("items");
  std::string text;
  if (items == nullptr || !json::AppendApiJsonField(response, *items, &text)) return "[]";
  return text;
}

Reply UnpagedList(const google::protobuf::Message& response, std::string_view cache_control) {
  return Reply::Raw(200, "application/json",
                    "{\"items\":" + ItemsJson(response) + ",\"next_cursor\":null}")
      .WithHeader("Cache-Control", std::string(cache_control));
}

absl::StatusOr<int64_t> ExpectedVersion(const RequestContext& r) {
  const auto header = r.http.HeaderValue("if-match");
  if (!header) return 0;
  std::string_view tag = http::TrimOws(*header);
  if (tag == "*") return 0;
  if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
  const std::string problem = "must be one entity tag from ETag, such as \"3\"";
  if (tag.size() < 3 || tag.front() != '"' || tag.back() != '"') {
    return Malformed("If-Match", problem);
  }
  tag = tag.substr(1, tag.size() - 2);
  // "7.<variant>" (Etag with a variant): the version alone is the precondition.
  tag = tag.substr(0, tag.find('.'));
  int64_t version = 0;
  auto [ptr, ec] = std::from_chars(tag.data(), tag.data() + tag.size(), version);
  if (ec != std::errc() || ptr != tag.data() + tag.size() || version < 1) {
    return Malformed("If-Match", problem);
  }
  return version;
}

std::string Etag(int64_t version, std::string_view variant) {
  std::string tag = "\"" + std::to_string(version);
  if (!variant.empty()) tag += "." + http::ContentTag(variant);
  return tag + "\"";
}

Reply Resource(const google::protobuf::Message& m, int64_t version, int status,
               std::string_view variant) {
  return Reply::Json(status, m).WithHeader("ETag", Etag(version, variant));
}

Reply Created(const google::protobuf::Message& m, int64_t version, std::string location,
              std::string_view variant) {
  return Resource(m, version, 201, variant).WithHeader("Location", std::move(location));
}

Reply Created(const google::protobuf::Message& m, std::string location) {
  return Reply::Json(201, m).WithHeader("Location", std::move(location));
}

Reply NoContent() { return Reply::Raw(204, "", ""); }

Reply Problem(const absl::Status& status, const RequestContext& r) {
  const auto problem = status::ProblemFor(status, r.request_id);
  return Reply::Raw(problem.http_status, "application/problem+json", problem.body);
}

absl::Status BodyInto(RequestContext& r, google::protobuf::Message* out,
                      google::protobuf::FieldMask* fields) {
  if (!r.json_body || !r.json_body->is_object()) {
    return status::Invalid("body", "must be a JSON object");
  }
  std::vector<std::string> left_out;
  IRIS_RETURN_IF_ERROR(iris::json::FromJson(*r.json_body, out, r.body_errors, &left_out));
  r.dry_run_allowed = true;
  if (fields) {
    // A field left out for an error is not "sent": the service's dry run must not take its
    // absence for the client's value. A set: a body of 100,000 unknown keys leaves out as many
    // (a linear search per key was seconds of CPU for one anonymous request).
    const std::set<std::string> skipped(left_out.begin(), left_out.end());
    for (const auto& [key, value] : r.json_body->items()) {
      if (!skipped.contains(key)) fields->add_paths(key);
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> VerbNote(const RequestContext& r) {
  if (std::string_view(r.http.body).find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return std::string();
  }
  const auto content_type = r.http.HeaderValue("content-type");
  if (!content_type || !http::IsJsonContentType(*content_type)) {
    return status::WithDetail(
        absl::UnimplementedError("the body must be JSON (Content-Type: application/json)"),
        "unsupported_media_type");
  }
  IRIS_ASSIGN_OR_RETURN(auto body, iris::json::ParseBody(r.http.body));
  if (!body.is_object()) return status::Invalid("body", "must be a JSON object");
  status::Validator v;
  std::string note;
  for (const auto& [key, value] : body.items()) {
    if (key != "note") {
      v.Add(key, "is not a field of this request (only \"note\")");
    } else if (value.is_string()) {
      note = value.get<std::string>();
    } else if (!value.is_null()) {
      v.Add("note", "must be a string");
    }
  }
  IRIS_RETURN_IF_ERROR(v.Finish());
  return note;
}

Route Verb(const std::string& resource_path, std::string_view verb, Access access,
           VerbHandler act) {
  return {Method::kPost, resource_path + "/" + std::string(verb), access, Body::kNone,
          [act = std::move(act)](RequestContext& r) -> absl::StatusOr<Reply> {
            VerbRequest req;
            IRIS_ASSIGN_OR_RETURN(req.expected_version, ExpectedVersion(r));
            IRIS_ASSIGN_OR_RETURN(req.note, VerbNote(r));
            return act(r, req);
          }};
}

}  // namespace iris::gateway::rest
