// Contact persons of organisations: fields, validation and who may handle them. Personal data:
// only those responsible for the organisation see a person at all. Pure rules: no I/O, no proto.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "services/membership/domain/organization.hpp"

namespace iris::membership::domain {

struct Consent {
  bool directory = false;
  bool newsletter = false;
  bool operator==(const Consent&) const = default;
  bool Any() const { return directory || newsletter; }
};

// Empty strings mean "not given" for the optional text fields.
struct Person {
  std::string id;
  std::string organization_id;
  std::string name;
  std::string email;
  std::string phone;
  std::string role;
  std::vector<std::string> languages;  // codes of GET /v1/languages
  Consent consent;
  std::optional<Time> consent_given_at;
  int64_t version = 1;
  Time created_at;
  Time updated_at;
};

// The fields a client writes, each set only when sent. A sent empty value clears an optional
// field (and fails validation for the required name).
struct PersonPatch {
  std::optional<std::string> name, email, phone, role;
  std::optional<std::vector<std::string>> languages;
  std::optional<Consent> consent;
  std::vector<std::string> read_only_sent;  // id, organization_id, version, ...
  std::vector<std::string> unknown_sent;
};

bool IsReadOnlyPersonField(std::string_view field);

// Applies the patch to `person` and returns every problem at once. Names of changed fields go
// to *changed (for the audit log: names only, never values).
std::vector<InvalidField> Apply(const PersonPatch& patch, const std::set<std::string>& languages,
                                Person* person, std::vector<std::string>* changed);

// Network admins, the coordinator of the organisation's country and the organisation's own
// members handle its people; for everyone else they do not exist.
bool CanHandlePeopleOf(const identity::Caller& p, const Organization& org);

}  // namespace iris::membership::domain
