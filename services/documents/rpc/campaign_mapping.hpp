// Campaigns: domain <-> proto.
#pragma once

#include <google/protobuf/field_mask.pb.h>

#include "iris/documents/v1/documents.pb.h"
#include "services/documents/domain/campaign.hpp"

namespace iris::documents::rpc {

void ToProto(const domain::Campaign& in, v1::Campaign* out);
domain::CampaignPatch CampaignPatchFromProto(const v1::Campaign& in,
                                             const google::protobuf::FieldMask& fields);

}  // namespace iris::documents::rpc
