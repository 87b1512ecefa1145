// Implements iris.notifications.v1.Notifications: gRPC <-> the intake and use cases, no rules.
#pragma once

#include "iris/notifications/v1/notifications.grpc.pb.h"
#include "services/notifications/app/feed_use_cases.hpp"
#include "services/notifications/app/inbox_use_cases.hpp"
#include "services/notifications/app/message_intake.hpp"
#include "services/notifications/app/subscription_use_cases.hpp"

namespace iris::notifications::rpc {

namespace v1 = iris::notifications::v1;

class NotificationsGrpc final : public v1::Notifications::Service {
 public:
  NotificationsGrpc(app::MessageIntake& intake, app::InboxUseCases& inbox,
                    app::SubscriptionUseCases& subscriptions, app::FeedUseCases& feed)
      : intake_(intake), inbox_(inbox), subscriptions_(subscriptions), feed_(feed) {}

  ::grpc::Status Publish(::grpc::ServerContext* ctx, const v1::PublishRequest* req,
                         v1::PublishResponse* out) override;
  ::grpc::Status ListTopics(::grpc::ServerContext* ctx, const v1::ListTopicsRequest* req,
                            v1::ListTopicsResponse* out) override;
  ::grpc::Status ListInbox(::grpc::ServerContext* ctx, const v1::ListInboxRequest* req,
                           v1::ListInboxResponse* out) override;
  ::grpc::Status MarkInboxItemRead(::grpc::ServerContext* ctx,
                                   const v1::MarkInboxItemReadRequest* req,
                                   v1::InboxItem* out) override;
  ::grpc::Status GetSubscriptions(::grpc::ServerContext* ctx,
                                  const v1::GetSubscriptionsRequest* req,
                                  v1::Subscriptions* out) override;
  ::grpc::Status PutSubscriptions(::grpc::ServerContext* ctx,
                                  const v1::PutSubscriptionsRequest* req,
                                  v1::Subscriptions* out) override;
  ::grpc::Status ListChanges(::grpc::ServerContext* ctx, const v1::ListChangesRequest* req,
                             v1::ListChangesResponse* out) override;

 private:
  app::MessageIntake& intake_;
  app::InboxUseCases& inbox_;
  app::SubscriptionUseCases& subscriptions_;
  app::FeedUseCases& feed_;
};

}  // namespace iris::notifications::rpc
