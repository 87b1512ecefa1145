#include "services/membership/rpc/reference_mapping.hpp"

namespace iris::membership::rpc {

void ToProto(const domain::LocalizedText& in, iris::common::v1::LocalizedText* out) {
  for (const auto& [lang, text] : in) (*out->mutable_values())[lang] = text;
}

void ToProto(domain::Time in, google::protobuf::Timestamp* out) {
  const int64_t us = in.time_since_epoch().count();
  int64_t seconds = us / 1000000;
  int64_t micros = us % 1000000;
  if (micros < 0) {
    micros += 1000000;
    --seconds;
  }
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(micros * 1000));
}

void ToProto(const domain::Country& in, v1::Country* out) {
  out->set_code(in.code);
  ToProto(in.name, out->mutable_name());
}

void ToProto(const domain::TargetGroup& in, v1::TargetGroup* out) {
  out->set_code(in.code);
  ToProto(in.name, out->mutable_name());
}

void ToProto(const domain::Language& in, v1::Language* out) {
  out->set_code(in.code);
  out->set_name(in.name);
  out->set_native_name(in.native_name);
}

void ToProto(const domain::Network& in, v1::Network* out) {
  out->set_country(in.country);
  ToProto(in.name, out->mutable_name());
  out->set_status(in.status == domain::NetworkStatus::kActive
                      ? v1::NETWORK_STATUS_ACTIVE
                      : v1::NETWORK_STATUS_IN_FORMATION);
  if (in.secretariat) out->set_secretariat(*in.secretariat);
  if (in.coordinator) out->set_coordinator(*in.coordinator);
  out->set_version(in.version);
  ToProto(in.created_at, out->mutable_created_at());
  ToProto(in.updated_at, out->mutable_updated_at());
}

}  // namespace iris::membership::rpc
