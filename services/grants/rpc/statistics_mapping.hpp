// Figures: domain <-> proto (iris.grants.v1 statistics).
#pragma once

#include "iris/grants/v1/statistics.pb.h"
#include "services/grants/domain/statistics.hpp"

namespace iris::grants::rpc {

void ToProto(const domain::CallStats& in, v1::CallStats* out);
void ToProto(const domain::GrantStats& in, v1::GrantStats* out);

}  // namespace iris::grants::rpc
