// Reference data: domain <-> proto. Every mapping file includes this one, so the shared values'
// conversions (time, localized text, money) join the ToProto / FromProto overloads here.
#pragma once

#include "iris/membership/v1/membership.pb.h"
#include "libs/proto_values/proto_values.hpp"
#include "services/membership/domain/reference.hpp"

namespace iris::membership::rpc {

using iris::proto_values::FromProto;
using iris::proto_values::ToProto;

void ToProto(const domain::Country& in, v1::Country* out);
void ToProto(const domain::TargetGroup& in, v1::TargetGroup* out);
void ToProto(const domain::Language& in, v1::Language* out);
void ToProto(const domain::Network& in, v1::Network* out);

}  // namespace iris::membership::rpc
