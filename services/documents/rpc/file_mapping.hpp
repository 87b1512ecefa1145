// A stored file <-> iris.documents.v1.File (shared by the file RPCs and the versions' listing).
#pragma once

#include "iris/documents/v1/documents.pb.h"
#include "services/documents/domain/version.hpp"

namespace iris::documents::rpc {

// Role follows position: the first file of a version is its main file, the rest annexes.
void ToProto(const domain::File& in, v1::File* out);

}  // namespace iris::documents::rpc
