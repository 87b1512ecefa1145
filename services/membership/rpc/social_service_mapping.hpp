// Social services: domain <-> proto.
#pragma once

#include <google/protobuf/field_mask.pb.h>

#include "iris/membership/v1/social_services.pb.h"
#include "services/membership/domain/social_service.hpp"

namespace iris::membership::rpc {

void ToProto(const domain::SocialService& in, v1::SocialService* out);

// The fields named in `fields` (or, with an empty mask, every field holding a value), read-only
// and unknown names included so the rules can refuse them by name.
domain::SocialServicePatch ServicePatchFromProto(const v1::SocialService& in,
                                                 const google::protobuf::FieldMask& fields);

}  // namespace iris::membership::rpc
