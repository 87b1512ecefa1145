#include "services/gateway/routes/body_errors.hpp"

#include <vector>

namespace iris::gateway {
namespace {

bool Inside(std::string_view inner, std::string_view outer) {
  if (inner.size() <= outer.size() || !inner.starts_with(outer)) return false;
  const char next = inner[outer.size()];
  return next == '.' || next == '[';
}

bool DecidedBeforeTheBody(const absl::Status& s) {
  switch (s.code()) {
    case absl::StatusCode::kUnauthenticated:
    case absl::StatusCode::kPermissionDenied:
    case absl::StatusCode::kNotFound: return true;
    case absl::StatusCode::kFailedPrecondition:
      return status::DetailOf(s).reason() == "stale_version";
    default: return false;
  }
}

}  // namespace

bool FieldPathsOverlap(std::string_view a, std::string_view b) {
  return a == b || Inside(a, b) || Inside(b, a);
}

absl::Status WithRuleErrors(const status::Validator& found, const absl::Status& dry_run) {
  if (DecidedBeforeTheBody(dry_run)) return dry_run;
  const auto detail = status::DetailOf(dry_run);
  if (dry_run.code() != absl::StatusCode::kInvalidArgument || detail.reason() != "validation") {
    return found.Finish();
  }
  std::vector<status::FieldError> errors = found.errors();
  size_t omitted = found.omitted() + static_cast<size_t>(detail.omitted_errors());
  for (const auto& e : detail.errors()) {
    bool overlaps = false;
    for (const auto& f : found.errors())
      overlaps = overlaps || FieldPathsOverlap(e.field(), f.field);
    if (overlaps) continue;
    if (errors.size() < status::kMaxErrors) {
      errors.push_back({e.field(), e.message()});
    } else {
      ++omitted;
    }
  }
  return status::Invalid(std::move(errors), omitted);
}

}  // namespace iris::gateway
