#include "services/membership/rpc/reference_mapping.hpp"

namespace iris::membership::rpc {

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
  out->set_status(in.status == domain::NetworkStatus::kActive ? v1::NETWORK_STATUS_ACTIVE
                                                              : v1::NETWORK_STATUS_IN_FORMATION);
  if (in.secretariat) out->set_secretariat(*in.secretariat);
  if (in.coordinator) out->set_coordinator(*in.coordinator);
  out->set_version(in.version);
  ToProto(in.created_at, out->mutable_created_at());
  ToProto(in.updated_at, out->mutable_updated_at());
}

}  // namespace iris::membership::rpc
