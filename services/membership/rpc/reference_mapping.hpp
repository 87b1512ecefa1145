// Reference data: domain <-> proto.
#pragma once

#include "iris/membership/v1/membership.pb.h"
#include "services/membership/domain/reference.hpp"

namespace iris::membership::rpc {

void ToProto(const domain::LocalizedText& in, iris::common::v1::LocalizedText* out);
void ToProto(const domain::Country& in, v1::Country* out);
void ToProto(const domain::TargetGroup& in, v1::TargetGroup* out);
void ToProto(const domain::Language& in, v1::Language* out);
void ToProto(const domain::Network& in, v1::Network* out);
void ToProto(domain::Time in, google::protobuf::Timestamp* out);

}  // namespace iris::membership::rpc
