// Constraint violations as statuses: the pool reports which constraint a write broke without
// naming it to clients, and a use case says what that constraint means in its request's terms.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace iris::db {

enum class ConstraintKind { kUnique, kCheck, kForeignKey };

struct Violation {
  ConstraintKind kind = ConstraintKind::kCheck;
  std::string constraint = {};  // Postgres's name, e.g. "users_email_key"; empty if it gave none
};

// What the pool returns for a violation: ALREADY_EXISTS (unique) or FAILED_PRECONDITION (check,
// foreign key), both a 409 with problem type "conflict" and a message that names no table,
// column or constraint (those are ours, not the client's), carrying `v` for ViolationOf.
absl::Status ViolationStatus(const Violation& v);

// The violation `status` carries, or nullopt for any other status (OK included).
std::optional<Violation> ViolationOf(const absl::Status& status);

// What breaking one constraint means to the client. Every member has an initializer so a rule
// may be written {constraint, field, message}.
struct ConstraintRule {
  std::string_view constraint = {};  // e.g. "users_email_check"
  std::string_view field = {};       // the request field it guards, e.g. "email"
  std::string_view message = {};     // e.g. "must be an email address"
  // Empty: 422 on `field` (the value breaks a rule). Otherwise a 409 with this problem type
  // (the value is fine but the stored data already holds it: "email_taken"), `message` its detail.
  std::string_view conflict = {};
};

// `status` itself unless it carries a violation of a constraint that `rules` names; then that
// rule's answer: status::Invalid(field, message), or the conflict. A violation no rule names
// keeps ViolationStatus's generic 409, never a guess at a field, and is logged with its
// constraint's name (a rule is missing).
absl::Status ExplainViolation(absl::Status status, std::span<const ConstraintRule> rules);

template <typename T>
absl::StatusOr<T> ExplainViolation(absl::StatusOr<T> result,
                                   std::span<const ConstraintRule> rules) {
  if (result.ok()) return result;
  return ExplainViolation(std::move(result).status(), rules);
}

}  // namespace iris::db
