// Grant applications, reviewer assignments, reviews and rankings: domain <-> proto.
#pragma once

#include <google/protobuf/field_mask.pb.h>

#include "iris/grants/v1/applications.pb.h"
#include "services/grants/app/review_use_cases.hpp"
#include "services/grants/domain/application.hpp"
#include "services/grants/domain/review.hpp"

namespace iris::grants::rpc {

void ToProto(const domain::Application& in, v1::GrantApplication* out);
void ToProto(const domain::ReviewerAssignment& in, v1::ReviewerAssignment* out);
void ToProto(const domain::Review& in, v1::Review* out);
void ToProto(const app::RankedApplication& in, v1::RankedApplication* out);

// What the client sent: top-level fields named in `fields` (or holding a value without a mask;
// read-only ones holding a value count as sent, so they are refused).
domain::ApplicationPatch ApplicationPatchFromProto(const v1::GrantApplication& in,
                                                   const google::protobuf::FieldMask& fields);
domain::ReviewSubmission ReviewSubmissionFromProto(const v1::Review& in,
                                                   const google::protobuf::FieldMask& fields);

}  // namespace iris::grants::rpc
