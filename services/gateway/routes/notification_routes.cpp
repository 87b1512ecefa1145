// People's notifications: their inbox and subscriptions (signed in), the topics (public) and
// the change feed (partners and staff; the service decides who). Rules live in notifications.
#include <charconv>

#include "iris/notifications/v1/notifications.grpc.pb.h"
#include "libs/status/status.hpp"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/routes/upstream_call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::notifications::v1;
using Stub = v1::Notifications::Stub;
// The list inbox cursors are signed for (rest::PageRequestOf).
constexpr std::string_view kInboxCursorScope = "inbox";
// Topics change only with a release: every gateway may reuse them for a minute.
constexpr std::chrono::seconds kTopicsTtl(60);

// ?unread=true|false (absent: every item).
absl::StatusOr<bool> UnreadOnly(const RequestContext& r) {
  const auto unread = r.http.QueryValue("unread");
  if (!unread || *unread == "false") return false;
  if (*unread == "true") return true;
  return status::Malformed("unread", "must be true or false");
}

// ?limit= of the feed as a number for the service, which checks its range; 0 when absent.
absl::StatusOr<int> FeedLimit(const RequestContext& r) {
  const auto limit = r.http.QueryValue("limit");
  if (!limit) return 0;
  int n = 0;
  const auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), n);
  if (limit->empty() || ec != std::errc() || end != limit->data() + limit->size() || n < 1) {
    return status::Malformed("limit", "must be an integer from 1 to 500");
  }
  return n;
}

}  // namespace

std::vector<Route> NotificationRoutes(Upstream& c, const pagination::CursorCodec& cursors) {
  std::vector<Route> routes;
  routes.push_back({Method::kGet, "/v1/me/inbox", Access::kAuthenticated, Body::kNone,
                    [&c, &cursors](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListInboxRequest req;
                      IRIS_ASSIGN_OR_RETURN(*req.mutable_page(),
                                            rest::PageRequestOf(r, cursors, kInboxCursorScope));
                      IRIS_ASSIGN_OR_RETURN(bool unread, UnreadOnly(r));
                      req.set_unread_only(unread);
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListInbox, r, req));
                      return rest::ListReply(out, req.page(), cursors, kInboxCursorScope);
                    }});
  routes.back().query = rest::ListQuery({"unread"});
  routes.push_back({Method::kPost, "/v1/me/inbox/{id}/read", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::MarkInboxItemReadRequest req;
                      req.set_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto item, Call(c, &Stub::MarkInboxItemRead, r, req));
                      return Reply::Json(200, item);
                    }});
  routes.push_back({Method::kGet, "/v1/me/subscriptions", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::GetSubscriptions, r,
                                                           v1::GetSubscriptionsRequest{}));
                      return Reply::Json(200, out);
                    }});
  routes.push_back({Method::kPut, "/v1/me/subscriptions", Access::kAuthenticated, Body::kJson,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::PutSubscriptionsRequest req;
                      IRIS_RETURN_IF_ERROR(rest::BodyInto(r, &req, nullptr));
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::PutSubscriptions, r, req));
                      return Reply::Json(200, out);
                    }});
  routes.push_back({Method::kGet, "/v1/topics", Access::kPublic, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      IRIS_ASSIGN_OR_RETURN(auto out,
                                            Call(c, &Stub::ListTopics, r, v1::ListTopicsRequest{}));
                      return rest::UnpagedList(out, "public, max-age=300");
                    },
                    kTopicsTtl});
  routes.push_back({Method::kGet, "/v1/changes", Access::kAuthenticated, Body::kNone,
                    [&c](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::ListChangesRequest req;
                      req.set_after(rest::Query(r, "after"));
                      IRIS_ASSIGN_OR_RETURN(int limit, FeedLimit(r));
                      req.set_limit(limit);
                      IRIS_ASSIGN_OR_RETURN(auto out, Call(c, &Stub::ListChanges, r, req));
                      return Reply::Json(200, out);
                    }});
  routes.back().query = {"after", "limit"};
  return routes;
}

}  // namespace iris::gateway
