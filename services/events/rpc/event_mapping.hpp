// Events and sessions: domain <-> proto.
#pragma once

#include <google/protobuf/field_mask.pb.h>

#include "iris/events/v1/events.pb.h"
#include "services/events/domain/event.hpp"
#include "services/events/domain/event_session.hpp"

namespace iris::events::rpc {

void ToProto(const domain::Event& in, v1::Event* out);
void ToProto(const domain::Session& in, v1::Session* out);

// The fields named in `fields` (or, with an empty mask, every field holding a non-default
// value), read-only and unknown names included so the rules can refuse them by name.
domain::EventPatch EventPatchFromProto(const v1::Event& in,
                                       const google::protobuf::FieldMask& fields);
domain::SessionInput SessionInputFromProto(const v1::Session& in,
                                           const google::protobuf::FieldMask& fields);

}  // namespace iris::events::rpc
