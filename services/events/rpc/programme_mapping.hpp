// Programmes, placements and mentoring sessions: domain <-> proto.
#pragma once

#include <google/protobuf/field_mask.pb.h>

#include "iris/events/v1/programmes.pb.h"
#include "services/events/domain/placement.hpp"
#include "services/events/domain/programme.hpp"

namespace iris::events::rpc {

void ToProto(const domain::Programme& in, v1::Programme* out);
// A traineeship shows only its fields and a mentoring placement only its own: the other
// kind's are null.
void ToProto(const domain::Placement& in, v1::Placement* out);
void ToProto(const domain::MentoringSession& in, v1::MentoringSession* out);

// The fields named in `fields` (or, with an empty mask, every field holding a value), read-only
// and unknown names included so the rules refuse them by name.
domain::ProgrammePatch ProgrammePatchFromProto(const v1::Programme& in,
                                               const google::protobuf::FieldMask& fields);
domain::PlacementPatch PlacementPatchFromProto(const v1::Placement& in,
                                               const google::protobuf::FieldMask& fields);
domain::MentoringSessionPatch MentoringSessionPatchFromProto(
    const v1::MentoringSession& in, const google::protobuf::FieldMask& fields);

}  // namespace iris::events::rpc
