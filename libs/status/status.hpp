// Status values: propagation macros and constructors that attach an ErrorDetail.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "iris/common/v1/common.pb.h"

// Debian 12's Abseil lacks these; the names follow the common Google spelling.
#define IRIS_RETURN_IF_ERROR(expr)               \
  do {                                           \
    ::absl::Status iris_status_ = (expr);        \
    if (!iris_status_.ok()) return iris_status_; \
  } while (0)

#define IRIS_STATUS_CONCAT_INNER(a, b) a##b
#define IRIS_STATUS_CONCAT(a, b) IRIS_STATUS_CONCAT_INNER(a, b)
#define IRIS_ASSIGN_OR_RETURN(lhs, expr) \
  IRIS_ASSIGN_OR_RETURN_IMPL(IRIS_STATUS_CONCAT(iris_statusor_, __LINE__), lhs, expr)
#define IRIS_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp.ok()) return std::move(tmp).status();   \
  lhs = std::move(tmp).value()

namespace iris::status {

// Payload key under which an ErrorDetail rides in an absl::Status.
inline constexpr const char* kDetailUrl = "type.googleapis.com/iris.common.v1.ErrorDetail";

struct FieldError {
  std::string field;
  std::string message;
};

// What one status carries at most: the first kMaxErrors field errors (the rest are counted),
// each field name and message cut to kMaxErrorText bytes. A request with 5,000 bad values, or
// with a field name of a megabyte, made a detail too large for gRPC's metadata.
inline constexpr size_t kMaxErrors = 100;
inline constexpr size_t kMaxErrorText = 256;

// Attaches `reason` (the problem type `/problems/<reason>`) and field errors to a status;
// `more_omitted` counts errors the caller found but did not keep (Validator).
absl::Status WithDetail(absl::Status status, std::string_view reason,
                        const std::vector<FieldError>& errors = {}, size_t more_omitted = 0);

// The ErrorDetail carried by `status`, or an empty one.
iris::common::v1::ErrorDetail DetailOf(const absl::Status& status);

// INVALID_ARGUMENT with reason "validation" and one or more field errors (422 at the edge).
absl::Status Invalid(std::string_view field, std::string_view message);
absl::Status Invalid(std::vector<FieldError> errors, size_t more_omitted = 0);

// Collects field errors; Finish() is OK when none were added. Keeps the first kMaxErrors and
// only counts the rest, so a hostile body cannot make it hold a megabyte of errors, and the
// answer still says how many there were.
class Validator {
 public:
  void Add(std::string_view field, std::string_view message);
  bool ok() const { return errors_.empty(); }
  absl::Status Finish() const;
  // As Finish, with reason "malformed" (400): for what a request asks rather than what it
  // writes, such as the filters of a list.
  absl::Status FinishMalformed() const;
  // Every error added, kept or only counted.
  size_t count() const { return errors_.size() + omitted_; }
  const std::vector<FieldError>& errors() const { return errors_; }
  size_t omitted() const { return omitted_; }

 private:
  std::vector<FieldError> errors_;
  size_t omitted_ = 0;
};

// INVALID_ARGUMENT with reason "malformed" (400 at the edge): the request cannot be read at
// all, as opposed to a readable request breaking a rule (Invalid, 422). The message is
// "<field>: <message>", as Invalid writes it.
absl::Status Malformed(std::string_view field, std::string_view message);
// For what belongs to no field (a body that is not JSON, a broken percent-escape).
absl::Status Malformed(std::string_view message);

// Invalid() from any list of {field, message} problems: domain rules report their own type so
// domain code stays free of this library. OK when the list is empty.
template <typename Problems>
absl::Status Validation(const Problems& problems) {
  std::vector<FieldError> errors;
  for (const auto& p : problems) errors.push_back({p.field, p.message});
  if (errors.empty()) return absl::OkStatus();
  return Invalid(std::move(errors));
}

// What a dry run (identity::Caller::dry_run) ends with once every rule passed: ABORTED with
// reason kDryRunReason, so the transaction rolls back and nobody mistakes it for success. Only
// the gateway sees it (it asked for the dry run).
inline constexpr std::string_view kDryRunReason = "dry_run";
absl::Status DryRunPassed();

// FAILED_PRECONDITION / ABORTED etc. with a named reason, e.g. Conflict("invalid_transition", ...).
absl::Status Conflict(std::string_view reason, std::string_view message);

// The If-Match / expected_version precondition of a change: OK when `expected` is 0 (no
// precondition) or the current version; else FAILED_PRECONDITION reason "stale_version" (412),
// naming the resource (`what`: "organization", "person", ...) and both versions.
absl::Status CheckVersion(std::string_view what, int64_t current, int64_t expected);

}  // namespace iris::status
