// Campaigns that carry documents and events (`#socialservicesforall`): public reads; network
// admins create and edit every campaign, national coordinators the national ones of their
// country. Linked documents and events a caller may not see are left out in documents.
#include "absl/strings/str_join.h"
#include "iris/documents/v1/documents.grpc.pb.h"
#include "libs/status/status.hpp"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/routes/upstream_call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::documents::v1;
using Stub = v1::Campaigns::Stub;
// The list its cursors are signed for: a cursor of another list is refused.
constexpr std::string_view kCampaignsScope = "campaigns";

// What a caller reads of a campaign's links depends on them: publishing a linked document
// changes what anonymous readers see without changing the campaign's version. The links ride
// in the ETag as its variant, so If-None-Match never answers 304 with stale links, while
// If-Match compares the version only (rest::Etag).
std::string LinksVariant(const v1::Campaign& c) {
  return absl::StrJoin(c.document_ids(), ",") + ";" + absl::StrJoin(c.event_ids(), ",");
}

Reply CampaignReply(const v1::Campaign& c, int status = 200) {
  return rest::Resource(c, c.version(), status, LinksVariant(c));
}

}  // namespace

std::vector<Route> CampaignRoutes(Upstream& c, const pagination::CursorCodec& cursors) {
  std::vector<Route> routes;
  routes.push_back({Method::kGet, "/v1/campaigns", Access::kPublic, Body::kNone,
                    [&c, &cursors](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListCampaignsRequest req;
                      IRIS_ASSIGN_OR_RETURN(*req.mutable_page(),
                                            rest::PageRequestOf(r, cursors, kCampaignsScope));
                      rest::QueryInto(r, "scope", req.mutable_scope());
                      rest::QueryInto(r, "country", req.mutable_country());
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListCampaigns, r, req));
                      return rest::ListReply(out, req.page(), cursors, kCampaignsScope);
                    }});
  routes.back().query = rest::ListQuery({"scope", "country"});
  routes.back().repeatable = {"scope", "country"};
  routes.push_back({Method::kPost, "/v1/campaigns", Access::kStaff, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::CreateCampaignRequest req;
                      google::protobuf::FieldMask fields;
                      IRIS_RETURN_IF_ERROR(rest::BodyInto(r, req.mutable_campaign(), &fields));
                      *req.mutable_fields() = fields;
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::CreateCampaign, r, req));
                      return rest::Created(out, out.version(), "/v1/campaigns/" + out.id(),
                                           LinksVariant(out));
                    }});
  routes.push_back({Method::kGet, "/v1/campaigns/{id}", Access::kPublic, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetCampaignRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::GetCampaign, r, req));
                      return CampaignReply(out);
                    }});
  routes.push_back({Method::kPatch, "/v1/campaigns/{id}", Access::kStaff, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::UpdateCampaignRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(int64_t expected, rest::ExpectedVersion(r));
                      req.set_expected_version(expected);
                      google::protobuf::FieldMask fields;
                      IRIS_RETURN_IF_ERROR(rest::BodyInto(r, req.mutable_campaign(), &fields));
                      *req.mutable_fields() = fields;
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::UpdateCampaign, r, req));
                      return CampaignReply(out);
                    }});
  return routes;
}

}  // namespace iris::gateway
