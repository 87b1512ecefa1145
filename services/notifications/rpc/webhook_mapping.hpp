// Webhook endpoints and deliveries: domain <-> proto.
#pragma once

#include <google/protobuf/field_mask.pb.h>

#include "iris/notifications/v1/webhooks.pb.h"
#include "services/notifications/domain/webhook_endpoint.hpp"

namespace iris::notifications::rpc {

void ToProto(const domain::WebhookEndpoint& in, v1::WebhookEndpoint* out);
void ToProto(const domain::WebhookDelivery& in, v1::WebhookDelivery* out);

// The fields named in `fields` (for a create, an empty mask means every field).
domain::WebhookEndpointInput EndpointInputFromProto(
    const std::string& url, const google::protobuf::RepeatedPtrField<std::string>& topics,
    const std::string& description, bool active, const google::protobuf::FieldMask* fields);

// "" for DELIVERY_STATUS_UNSPECIFIED.
std::string DeliveryStatusWord(v1::DeliveryStatus s);

}  // namespace iris::notifications::rpc
