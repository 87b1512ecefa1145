#include "services/notifications/rpc/notifications_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/pagination/keyset.hpp"
#include "libs/proto_values/proto_values.hpp"
#include "libs/status/status.hpp"
#include "services/notifications/domain/intake_rules.hpp"
#include "services/notifications/rpc/notifications_mapping.hpp"

namespace iris::notifications::rpc {

// Internal: the network policy decides who reaches the port, so any caller may publish.
::grpc::Status NotificationsGrpc::Publish(::grpc::ServerContext* ctx, const v1::PublishRequest* req,
                                          v1::PublishResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller&) -> absl::Status {
    std::vector<domain::Message> messages;
    // Read no further than the limit allows: CheckPublished names the excess.
    const int n = std::min(req->messages_size(), static_cast<int>(domain::kMaxPublishBatch) + 1);
    messages.reserve(n);
    for (int i = 0; i < n; ++i) messages.push_back(FromProto(req->source(), req->messages(i)));
    IRIS_RETURN_IF_ERROR(status::Validation(domain::CheckPublished(req->source(), messages)));
    IRIS_ASSIGN_OR_RETURN(auto result, intake_.Accept(messages));
    out->set_stored(result.stored);
    out->set_duplicates(result.duplicates);
    return absl::OkStatus();
  });
}

::grpc::Status NotificationsGrpc::ListTopics(::grpc::ServerContext* ctx,
                                             const v1::ListTopicsRequest*,
                                             v1::ListTopicsResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller&) -> absl::Status {
    // Internal messages reach nobody: nothing to subscribe to.
    for (const auto& t : domain::Topics()) {
      if (t.audience != domain::Audience::kInternal) ToProto(t, out->add_items());
    }
    return absl::OkStatus();
  });
}

::grpc::Status NotificationsGrpc::ListInbox(::grpc::ServerContext* ctx,
                                            const v1::ListInboxRequest* req,
                                            v1::ListInboxResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    app::InboxListRequest list{.unread_only = req->unread_only(),
                               .page = proto_values::FromProto(req->page())};
    IRIS_ASSIGN_OR_RETURN(auto page, inbox_.List(caller, list));
    pagination::FillResponse(page, out, [](const auto& item, auto* m) { ToProto(item, m); });
    return absl::OkStatus();
  });
}

::grpc::Status NotificationsGrpc::MarkInboxItemRead(::grpc::ServerContext* ctx,
                                                    const v1::MarkInboxItemReadRequest* req,
                                                    v1::InboxItem* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto item, inbox_.MarkRead(caller, req->id()));
    ToProto(item, out);
    return absl::OkStatus();
  });
}

::grpc::Status NotificationsGrpc::GetSubscriptions(::grpc::ServerContext* ctx,
                                                   const v1::GetSubscriptionsRequest*,
                                                   v1::Subscriptions* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto s, subscriptions_.Get(caller));
    ToProto(s, out);
    return absl::OkStatus();
  });
}

::grpc::Status NotificationsGrpc::PutSubscriptions(::grpc::ServerContext* ctx,
                                                   const v1::PutSubscriptionsRequest* req,
                                                   v1::Subscriptions* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto s, subscriptions_.Put(caller, FromProto(*req)));
    ToProto(s, out);
    return absl::OkStatus();
  });
}

::grpc::Status NotificationsGrpc::ListChanges(::grpc::ServerContext* ctx,
                                              const v1::ListChangesRequest* req,
                                              v1::ListChangesResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto page, feed_.List(caller, req->after(), req->limit()));
    for (const auto& c : page.items) ToProto(c, out->add_items());
    out->set_next_cursor(page.next_cursor);
    return absl::OkStatus();
  });
}

}  // namespace iris::notifications::rpc
