#include "services/notifications/rpc/notifications_mapping.hpp"

#include <google/protobuf/util/json_util.h>

#include "libs/proto_values/proto_values.hpp"

namespace iris::notifications::rpc {

using proto_values::Strings;

domain::Message FromProto(const std::string& source, const v1::OutboxMessage& in) {
  domain::Message m{.id = in.id(),
                    .source = source,
                    .type = in.type(),
                    .subject_id = in.subject_id(),
                    .country = in.country(),
                    .actor = in.actor(),
                    .request_id = in.request_id(),
                    .payload = nlohmann::json::parse(in.payload_json(), nullptr, false),
                    .occurred_at = proto_values::FromProto(in.occurred_at()),
                    .source_position = in.position()};
  return m;
}

void ToProto(const domain::TopicInfo& in, v1::Topic* out) {
  out->set_topic(std::string(in.topic));
  out->set_description(std::string(in.description));
  out->set_audience(std::string(domain::AudienceWord(in.audience)));
  out->set_in_feed(in.in_feed);
}

void ToProto(const domain::InboxItem& in, v1::InboxItem* out) {
  out->set_id(in.id);
  out->set_message_id(in.message_id);
  out->set_type(in.type);
  out->set_subject_id(in.subject_id);
  out->set_country(in.country);
  // The payload is an object we stored ourselves: it parses.
  (void)google::protobuf::util::JsonStringToMessage(in.data.dump(), out->mutable_data());
  proto_values::ToProto(in.occurred_at, out->mutable_occurred_at());
  proto_values::ToProto(in.created_at, out->mutable_created_at());
  if (in.read_at) proto_values::ToProto(*in.read_at, out->mutable_read_at());
}

void ToProto(const domain::Subscriptions& in, v1::Subscriptions* out) {
  for (const auto& t : in.topics) out->add_topics(t);
  for (const auto& c : in.countries) out->add_countries(c);
  for (const auto& c : in.channels) out->add_channels(c);
  out->set_language(in.language);
  out->set_is_default(in.is_default);
  if (in.updated_at) proto_values::ToProto(*in.updated_at, out->mutable_updated_at());
}

domain::Subscriptions FromProto(const v1::PutSubscriptionsRequest& in) {
  return {.topics = Strings(in.topics()),
          .countries = Strings(in.countries()),
          .channels = Strings(in.channels()),
          .language = in.language()};
}

void ToProto(const domain::FeedChange& in, v1::Change* out) {
  out->set_cursor(std::to_string(in.seq));
  out->set_type(in.type);
  out->set_subject_id(in.subject_id);
  proto_values::ToProto(in.occurred_at, out->mutable_occurred_at());
}

}  // namespace iris::notifications::rpc
