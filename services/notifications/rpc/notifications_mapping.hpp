// Notifications' domain values <-> iris.notifications.v1 messages.
#pragma once

#include "absl/status/statusor.h"
#include "iris/notifications/v1/notifications.pb.h"
#include "services/notifications/domain/inbox.hpp"
#include "services/notifications/domain/message.hpp"
#include "services/notifications/domain/subscriptions.hpp"
#include "services/notifications/domain/topics.hpp"

namespace iris::notifications::rpc {

namespace v1 = iris::notifications::v1;

// A payload_json that is not JSON becomes a payload that is not an object, for
// domain::CheckPublished to name.
domain::Message FromProto(const std::string& source, const v1::OutboxMessage& in);
void ToProto(const domain::TopicInfo& in, v1::Topic* out);
void ToProto(const domain::InboxItem& in, v1::InboxItem* out);
void ToProto(const domain::Subscriptions& in, v1::Subscriptions* out);
domain::Subscriptions FromProto(const v1::PutSubscriptionsRequest& in);
void ToProto(const domain::FeedChange& in, v1::Change* out);

}  // namespace iris::notifications::rpc
