// Organisations: domain <-> proto.
#pragma once

#include <google/protobuf/field_mask.pb.h>

#include "iris/membership/v1/organizations.pb.h"
#include "services/membership/domain/organization.hpp"

namespace iris::membership::rpc {

void ToProto(const domain::Organization& in, v1::Organization* out);

// The fields named in `fields` (or, with an empty mask, every field holding a non-default
// value), read-only and unknown names included so the rules can refuse them by name.
domain::OrganizationPatch PatchFromProto(const v1::Organization& in,
                                         const google::protobuf::FieldMask& fields);

}  // namespace iris::membership::rpc
