// A 404 that names what the caller asked for, whatever layer found nothing (a repository's
// "no row", a visibility rule): "<what> not found", never the client's id echoed back.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace iris::status {

template <typename T>
absl::StatusOr<T> NotFoundAs(absl::StatusOr<T> r, std::string_view what) {
  if (absl::IsNotFound(r.status())) return absl::NotFoundError(std::string(what) + " not found");
  return r;
}

}  // namespace iris::status
