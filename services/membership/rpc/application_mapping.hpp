// Membership applications: domain <-> proto.
#pragma once

#include <google/protobuf/field_mask.pb.h>

#include "iris/membership/v1/applications.pb.h"
#include "services/membership/domain/application.hpp"

namespace iris::membership::rpc {

void ToProto(const domain::MembershipApplication& in, v1::MembershipApplication* out);

// The submission as the rules see it: top-level fields named in `fields` (or holding a value;
// read-only ones count as sent so they are refused), the organisation's fields holding a value.
domain::ApplicationSubmission SubmissionFromProto(const v1::MembershipApplication& in,
                                                  const google::protobuf::FieldMask& fields);

}  // namespace iris::membership::rpc
