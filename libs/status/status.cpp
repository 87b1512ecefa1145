#include "libs/status/status.hpp"

#include <algorithm>
#include <cstdint>

#include "absl/strings/cord.h"
#include "libs/values/text.hpp"

namespace iris::status {

namespace {

// At most kMaxErrorText bytes, cut at a UTF-8 character boundary and marked with "…".
std::string Capped(const std::string& text) {
  return values::CutAtCharacter(text, kMaxErrorText, "\u2026");
}

}  // namespace

absl::Status WithDetail(absl::Status status, std::string_view reason,
                        const std::vector<FieldError>& errors, size_t more_omitted) {
  iris::common::v1::ErrorDetail detail;
  detail.set_reason(std::string(reason));
  for (const auto& e : errors) {
    if (static_cast<size_t>(detail.errors_size()) == kMaxErrors) break;
    auto* fe = detail.add_errors();
    fe->set_field(Capped(e.field));
    fe->set_message(Capped(e.message));
  }
  const size_t omitted = errors.size() - static_cast<size_t>(detail.errors_size()) + more_omitted;
  if (omitted > 0) {
    detail.set_omitted_errors(static_cast<int32_t>(std::min<size_t>(omitted, INT32_MAX)));
  }
  status.SetPayload(kDetailUrl, absl::Cord(detail.SerializeAsString()));
  return status;
}

iris::common::v1::ErrorDetail DetailOf(const absl::Status& status) {
  iris::common::v1::ErrorDetail detail;
  if (auto payload = status.GetPayload(kDetailUrl)) {
    detail.ParseFromString(std::string(*payload));
  }
  return detail;
}

absl::Status Invalid(std::string_view field, std::string_view message) {
  return Invalid({FieldError{std::string(field), std::string(message)}});
}

absl::Status Invalid(std::vector<FieldError> errors, size_t more_omitted) {
  std::string summary = errors.empty()
                            ? "invalid request"
                            : Capped(errors.front().field) + ": " + Capped(errors.front().message);
  const size_t total = errors.size() + more_omitted;
  if (total > 1) summary += " (and " + std::to_string(total - 1) + " more)";
  return WithDetail(absl::InvalidArgumentError(summary), "validation", errors, more_omitted);
}

void Validator::Add(std::string_view field, std::string_view message) {
  if (errors_.size() == kMaxErrors) {
    ++omitted_;
    return;
  }
  errors_.push_back({std::string(field), std::string(message)});
}

absl::Status Validator::Finish() const {
  if (errors_.empty()) return absl::OkStatus();
  return Invalid(errors_, omitted_);
}

absl::Status Validator::FinishMalformed() const {
  if (errors_.empty()) return absl::OkStatus();
  const absl::Status invalid = Invalid(errors_, omitted_);
  return WithDetail(absl::InvalidArgumentError(invalid.message()), "malformed", errors_, omitted_);
}

absl::Status DryRunPassed() {
  return WithDetail(absl::AbortedError("dry run: every rule passed, nothing was written"),
                    kDryRunReason);
}

absl::Status Malformed(std::string_view field, std::string_view message) {
  const std::string f = Capped(std::string(field)), m = Capped(std::string(message));
  return WithDetail(absl::InvalidArgumentError(f + ": " + m), "malformed", {{f, m}});
}

absl::Status Malformed(std::string_view message) {
  return WithDetail(absl::InvalidArgumentError(std::string(message)), "malformed");
}

absl::Status Conflict(std::string_view reason, std::string_view message) {
  return WithDetail(absl::FailedPreconditionError(std::string(message)), reason);
}

absl::Status CheckVersion(std::string_view what, int64_t current, int64_t expected) {
  if (expected == 0 || expected == current) return absl::OkStatus();
  return Conflict("stale_version", "the " + std::string(what) + " is at version " +
                                       std::to_string(current) + ", not " +
                                       std::to_string(expected) + "; fetch it and retry");
}

}  // namespace iris::status
