// Registrations and certificates: domain <-> iris.events.v1 messages.
#pragma once

#include <google/protobuf/field_mask.pb.h>

#include "iris/events/v1/registrations.pb.h"
#include "services/events/domain/registration.hpp"
#include "services/events/storage/registration_repository.hpp"

namespace iris::events::rpc {

void ToProto(const domain::Registration& in, v1::Registration* out);
void ToProto(const storage::Certificate& in, v1::Certificate* out);

// The fields a client sent: those the mask names, plus read-only ones holding a value (mass
// assignment is refused, mask or not); without a mask, those holding a value.
domain::RegistrationPatch RegistrationPatchFromProto(const v1::Registration& in,
                                                     const google::protobuf::FieldMask& fields);

}  // namespace iris::events::rpc
