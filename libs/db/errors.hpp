// Maps libpqxx exceptions to absl::Status: the one place their meaning is decided.
#pragma once

#include <exception>

#include "absl/status/status.h"

namespace iris::db::internal {

enum class ErrorKind {
  kFinal,       // the status is the answer
  kConflict,    // serialization failure or deadlock: rerunning the transaction may succeed
  kConnection,  // the connection is unusable: discard it
};

struct MappedError {
  absl::Status status;
  ErrorKind kind;
};

// Call with std::current_exception() from a catch (...) block.
MappedError MapException(std::exception_ptr e);

}  // namespace iris::db::internal
