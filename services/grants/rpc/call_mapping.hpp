// Grant calls: domain <-> proto.
#pragma once

#include <google/protobuf/field_mask.pb.h>

#include "iris/grants/v1/calls.pb.h"
#include "services/grants/domain/call.hpp"

namespace iris::grants::rpc {

void ToProto(const domain::GrantCall& in, v1::GrantCall* out);

// The fields named in `fields` (or, with an empty mask, every field holding a non-default
// value), read-only and unknown names included so the rules can refuse them by name.
domain::CallPatch CallPatchFromProto(const v1::GrantCall& in,
                                     const google::protobuf::FieldMask& fields);

}  // namespace iris::grants::rpc
