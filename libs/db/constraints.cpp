#include "libs/db/constraints.hpp"

#include <initializer_list>

#include <spdlog/spdlog.h>

#include "absl/strings/cord.h"
#include "libs/status/status.hpp"

namespace iris::db {
namespace {

// Payload key of the violation: "<kind> <constraint>". Payloads other than the ErrorDetail never
// cross gRPC (status::ToGrpc), so this stays inside the service that owns the schema.
constexpr const char* kViolationUrl = "iris.db/constraint_violation";

constexpr std::string_view KindWord(ConstraintKind k) {
  switch (k) {
    case ConstraintKind::kUnique: return "unique";
    case ConstraintKind::kCheck: return "check";
    case ConstraintKind::kForeignKey: return "foreign_key";
  }
  return "check";
}

std::optional<ConstraintKind> ParseKind(std::string_view word) {
  for (auto k : {ConstraintKind::kUnique, ConstraintKind::kCheck, ConstraintKind::kForeignKey}) {
    if (KindWord(k) == word) return k;
  }
  return std::nullopt;
}

}  // namespace

absl::Status ViolationStatus(const Violation& v) {
  const char* message = "the change conflicts with the stored data; nothing was changed";
  absl::Status status = v.kind == ConstraintKind::kUnique ? absl::AlreadyExistsError(message)
                                                          : absl::FailedPreconditionError(message);
  status = iris::status::WithDetail(std::move(status), "conflict");
  status.SetPayload(kViolationUrl, absl::Cord(std::string(KindWord(v.kind)) + " " + v.constraint));
  return status;
}

std::optional<Violation> ViolationOf(const absl::Status& status) {
  const auto payload = status.GetPayload(kViolationUrl);
  if (!payload) return std::nullopt;
  const std::string text = std::string(*payload);
  const size_t space = text.find(' ');
  if (space == std::string::npos) return std::nullopt;
  const auto kind = ParseKind(std::string_view(text).substr(0, space));
  if (!kind) return std::nullopt;
  return Violation{*kind, text.substr(space + 1)};
}

absl::Status ExplainViolation(absl::Status status, std::span<const ConstraintRule> rules) {
  const auto violation = ViolationOf(status);
  if (!violation) return status;
  for (const ConstraintRule& rule : rules) {
    if (rule.constraint != violation->constraint) continue;
    if (rule.conflict.empty()) return iris::status::Invalid(rule.field, rule.message);
    const std::string message(rule.message);
    return iris::status::WithDetail(absl::Status(status.code(), message), rule.conflict,
                                    {{std::string(rule.field), message}});
  }
  spdlog::warn("database: no rule explains a violation of constraint \"{}\"; answered 409",
               violation->constraint);
  return status;
}

}  // namespace iris::db
