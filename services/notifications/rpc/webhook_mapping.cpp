#include "services/notifications/rpc/webhook_mapping.hpp"

#include "libs/proto_values/proto_values.hpp"

namespace iris::notifications::rpc {

using iris::proto_values::ToProto;

namespace {

v1::DeliveryStatus DeliveryStatusOf(const std::string& s) {
  if (s == "pending") return v1::DELIVERY_STATUS_PENDING;
  if (s == "succeeded") return v1::DELIVERY_STATUS_SUCCEEDED;
  if (s == "failed") return v1::DELIVERY_STATUS_FAILED;
  return v1::DELIVERY_STATUS_UNSPECIFIED;
}

}  // namespace

void ToProto(const domain::WebhookEndpoint& in, v1::WebhookEndpoint* out) {
  out->set_id(in.id);
  out->set_url(in.url);
  for (const auto& t : in.topics) out->add_topics(t);
  out->set_description(in.description);
  out->set_active(in.active);
  out->set_disabled_reason(in.disabled_reason);
  out->set_secret(in.secret);
  // Shown while the previous secret still signs; after that it is history, not state.
  if (in.previous_secret_expires_at &&
      *in.previous_secret_expires_at > std::chrono::system_clock::now()) {
    ToProto(*in.previous_secret_expires_at, out->mutable_previous_secret_expires_at());
  }
  out->set_owner_id(in.owner_id);
  out->set_version(in.version);
  ToProto(in.created_at, out->mutable_created_at());
  ToProto(in.updated_at, out->mutable_updated_at());
}

void ToProto(const domain::WebhookDelivery& in, v1::WebhookDelivery* out) {
  out->set_id(in.id);
  out->set_endpoint_id(in.endpoint_id);
  out->set_webhook_id(in.message_id);
  out->set_type(in.type);
  out->set_subject_id(in.subject_id);
  out->set_status(DeliveryStatusOf(in.status));
  out->set_attempt_count(in.attempt_count);
  if (in.next_attempt_at && in.status == "pending") {
    ToProto(*in.next_attempt_at, out->mutable_next_attempt_at());
  }
  for (const auto& a : in.attempts) {
    auto* m = out->add_attempts();
    ToProto(a.attempted_at, m->mutable_attempted_at());
    m->set_response_status(a.response_status);
    m->set_error(a.error);
    m->set_duration_ms(a.duration_ms);
  }
  ToProto(in.created_at, out->mutable_created_at());
  ToProto(in.updated_at, out->mutable_updated_at());
}

domain::WebhookEndpointInput EndpointInputFromProto(
    const std::string& url, const google::protobuf::RepeatedPtrField<std::string>& topics,
    const std::string& description, bool active, const google::protobuf::FieldMask* fields) {
  domain::WebhookEndpointInput in;
  in.url = url;
  in.topics.assign(topics.begin(), topics.end());
  in.description = description;
  in.active = active;
  if (fields != nullptr) {
    for (const auto& f : fields->paths()) in.fields.insert(f);
  }
  return in;
}

std::string DeliveryStatusWord(v1::DeliveryStatus s) {
  switch (s) {
    case v1::DELIVERY_STATUS_PENDING: return "pending";
    case v1::DELIVERY_STATUS_SUCCEEDED: return "succeeded";
    case v1::DELIVERY_STATUS_FAILED: return "failed";
    default: return "";
  }
}

}  // namespace iris::notifications::rpc
