// Documents of the advocacy library and their versions: anyone reads what is published or
// archived; members of a document's organisations and staff draft, edit and submit it; a network
// admin or the coordinator of its single country publishes and archives it. Who sees and edits
// what is decided in documents (a document a caller may not see is a 404 there).
#include <charconv>

#include "absl/strings/str_cat.h"
#include "iris/documents/v1/documents.grpc.pb.h"
#include "libs/json/api_writer.hpp"
#include "libs/status/status.hpp"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/routes/upstream_call.hpp"
#include "services/gateway/routes/verb_call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::documents::v1;
using Stub = v1::Documents::Stub;
// The list its cursors are signed for: a cursor of another list is refused.
constexpr std::string_view kDocumentsScope = "documents";

// A document shows the latest version this caller may see (`current_version`): an editor sees
// a draft version a reader does not, and a new version does not bump the document's version.
// It rides in the ETag as its variant, so If-None-Match never answers 304 with a stale
// current_version, while If-Match compares the version only (rest::Etag).
std::string CurrentVersionVariant(const v1::Document& d) {
  return std::to_string(d.current_version());
}

Reply DocumentReply(const v1::Document& d, int status = 200) {
  return rest::Resource(d, d.version(), status, CurrentVersionVariant(d));
}

// ?year=2021 (repeatable): digits, else a 400 naming the parameter.
absl::Status YearsInto(const RequestContext& r, v1::ListDocumentsRequest* req) {
  status::Validator v;
  for (const auto& raw : r.http.QueryValues("year")) {
    int year = 0;
    const char* end = raw.data() + raw.size();
    const auto [at, ec] = std::from_chars(raw.data(), end, year);
    if (raw.empty() || ec != std::errc() || at != end || year < 1 || year > 9999) {
      v.Add("year", "must be a year such as 2021");
      continue;
    }
    req->add_year(year);
  }
  return v.FinishMalformed();
}

// The list body: {"facets": {...}, "items": [...], "next_cursor": ...}, keys in name order as
// every body of the API; `facets` only when the service counted them (a search with q).
Reply DocumentListReply(const v1::ListDocumentsResponse& out, const common::v1::PageRequest& page,
                        const pagination::CursorCodec& cursors) {
  std::string body =
      rest::ListBody(rest::ItemsJson(out), out.page(), cursors, kDocumentsScope, page.sort());
  if (out.has_facets()) {
    std::string facets = "{\"facets\":";
    if (!json::AppendApiJson(out.facets(), &facets)) facets = "{\"facets\":null";
    body = facets + "," + body.substr(1);
  }
  return Reply::Raw(200, "application/json", std::move(body));
}

Route DocumentList(Upstream& c, const pagination::CursorCodec& cursors) {
  Route route{Method::kGet, "/v1/documents", Access::kPublic, Body::kNone,
              [&c, &cursors](RequestContext& r) -> absl::StatusOr<Reply> {
                v1::ListDocumentsRequest req;
                IRIS_ASSIGN_OR_RETURN(*req.mutable_page(),
                                      rest::PageRequestOf(r, cursors, kDocumentsScope));
                rest::QueryInto(r, "kind", req.mutable_kind());
                rest::QueryInto(r, "country", req.mutable_country());
                rest::QueryInto(r, "topic", req.mutable_topic());
                rest::QueryInto(r, "language", req.mutable_language());
                rest::QueryInto(r, "status", req.mutable_status());
                IRIS_RETURN_IF_ERROR(YearsInto(r, &req));
                req.set_q(rest::Query(r, "q"));
                IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListDocuments, r, req));
                return DocumentListReply(out, req.page(), cursors);
              }};
  route.query = rest::ListQuery({"kind", "country", "topic", "language", "year", "status", "q"});
  route.repeatable = {"kind", "country", "topic", "language", "year", "status"};
  return route;
}

// {n} of .../versions/{n}: a version number; anything else names no version (404).
absl::StatusOr<int32_t> VersionNumber(const RequestContext& r) {
  return rest::PositivePathNumber(r, "n", "no such version of this document");
}

Route VersionCreate(Upstream& c) {
  return {Method::kPost, "/v1/documents/{id}/versions", Access::kAuthenticated, Body::kJson,
          [&c](RequestContext& r) -> absl::StatusOr<Reply> {
            // A version's only writable field is its change note: the rest is the server's.
            v1::Version version;
            google::protobuf::FieldMask sent;
            IRIS_RETURN_IF_ERROR(rest::BodyInto(r, &version, &sent));
            for (const auto& f : sent.paths()) {
              if (f != "change_note") r.body_errors.Add(f, "is read-only");
            }
            // Answered here, before any call: a version has no dry run to add rule errors to.
            IRIS_RETURN_IF_ERROR(r.body_errors.Finish());
            v1::CreateVersionRequest req;
            req.set_document_id(r.PathParam("id"));
            req.set_change_note(version.change_note());
            IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::CreateVersion, r, req));
            return rest::Created(
                out, absl::StrCat("/v1/documents/", out.document_id(), "/versions/", out.number()));
          }};
}

}  // namespace

std::vector<Route> DocumentRoutes(Upstream& c, const pagination::CursorCodec& cursors) {
  std::vector<Route> routes;
  routes.push_back(DocumentList(c, cursors));
  // Members (for their own organisation) and staff; documents decides (partners: 403 there).
  routes.push_back({Method::kPost, "/v1/documents", Access::kAuthenticated, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::CreateDocumentRequest req;
                      google::protobuf::FieldMask fields;
                      IRIS_RETURN_IF_ERROR(rest::BodyInto(r, req.mutable_document(), &fields));
                      *req.mutable_fields() = fields;
                      IRIS_ASSIGN_OR_RETURN(auto d, Call(c, &Stub::CreateDocument, r, req));
                      return rest::Created(d, d.version(), "/v1/documents/" + d.id(),
                                           CurrentVersionVariant(d));
                    }});
  routes.push_back({Method::kGet, "/v1/documents/{id}", Access::kPublic, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetDocumentRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto d, Call(c, &Stub::GetDocument, r, req));
                      return DocumentReply(d);
                    }});
  routes.push_back({Method::kPatch, "/v1/documents/{id}", Access::kAuthenticated, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::UpdateDocumentRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(int64_t expected, rest::ExpectedVersion(r));
                      req.set_expected_version(expected);
                      google::protobuf::FieldMask fields;
                      IRIS_RETURN_IF_ERROR(rest::BodyInto(r, req.mutable_document(), &fields));
                      *req.mutable_fields() = fields;
                      IRIS_ASSIGN_OR_RETURN(auto d, Call(c, &Stub::UpdateDocument, r, req));
                      return DocumentReply(d);
                    }});
  routes.push_back(VerbCall("/v1/documents/{id}", "submit", Access::kAuthenticated, c,
                            &Stub::SubmitDocument, &CurrentVersionVariant));
  routes.push_back(VerbCall("/v1/documents/{id}", "publish", Access::kStaff, c,
                            &Stub::PublishDocument, &CurrentVersionVariant));
  routes.push_back(VerbCall("/v1/documents/{id}", "archive", Access::kStaff, c,
                            &Stub::ArchiveDocument, &CurrentVersionVariant));
  routes.push_back(VersionCreate(c));
  // Every version this caller may see, by number: a handful per document, one page.
  routes.push_back({Method::kGet, "/v1/documents/{id}/versions", Access::kPublic, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListVersionsRequest req;
                      req.set_document_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListVersions, r, req));
                      return rest::UnpagedList(out, "no-cache");
                    }});
  routes.push_back({Method::kGet, "/v1/documents/{id}/versions/{n}", Access::kPublic, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetVersionRequest req;
                      req.set_document_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(int32_t n, VersionNumber(r));
                      req.set_number(n);
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::GetVersion, r, req));
                      return Reply::Json(200, out);
                    }});
  return routes;
}

}  // namespace iris::gateway
