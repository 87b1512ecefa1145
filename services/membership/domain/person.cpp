#include "services/membership/domain/person.hpp"

#include <algorithm>
#include <array>

#include "absl/strings/ascii.h"
#include "services/membership/domain/text_rules.hpp"

namespace iris::membership::domain {
namespace {

constexpr std::array<std::string_view, 6> kReadOnly{
    "id", "organization_id", "consent_given_at", "version", "created_at", "updated_at"};

constexpr CodeList kLanguageList{"languages", "language", "GET /v1/languages", kMaxLanguages};

void Text(const std::optional<std::string>& sent, std::string_view field, size_t max_chars,
          std::string* value, std::vector<InvalidField>* problems,
          std::vector<std::string>* changed) {
  if (!sent) return;
  std::string v(absl::StripAsciiWhitespace(*sent));
  if (CharCount(v) > max_chars) {
    problems->push_back(
        {std::string(field), "must be at most " + std::to_string(max_chars) + " characters"});
  }
  if (v != *value) changed->push_back(std::string(field));
  *value = std::move(v);
}

}  // namespace

bool IsReadOnlyPersonField(std::string_view field) {
  return std::find(kReadOnly.begin(), kReadOnly.end(), field) != kReadOnly.end();
}

std::vector<InvalidField> Apply(const PersonPatch& patch, const std::set<std::string>& languages,
                                Person* person, std::vector<std::string>* changed) {
  std::vector<InvalidField> problems;
  for (const auto& f : patch.read_only_sent) {
    problems.push_back({f, "is read-only; the server sets it"});
  }
  for (const auto& f : patch.unknown_sent) {
    problems.push_back({f, "is not a field of a person"});
  }
  Text(patch.name, "name", 200, &person->name, &problems, changed);
  if (person->name.empty()) problems.push_back({"name", "is required"});
  Text(patch.email, "email", kMaxEmailLength, &person->email, &problems, changed);
  if (patch.email && !person->email.empty() && !LooksLikeEmail(person->email)) {
    problems.push_back({"email", "must be an email address such as ana@example.org"});
  }
  Text(patch.phone, "phone", 40, &person->phone, &problems, changed);
  if (patch.phone && !person->phone.empty() && !LooksLikePhone(person->phone)) {
    problems.push_back({"phone", "must be a phone number such as +381 11 123 4567"});
  }
  Text(patch.role, "role", 100, &person->role, &problems, changed);
  if (patch.languages) {
    auto codes = CheckCodeList(*patch.languages, languages, kLanguageList, &problems);
    if (codes != person->languages) changed->push_back("languages");
    person->languages = std::move(codes);
  }
  if (patch.consent && !(*patch.consent == person->consent)) {
    changed->push_back("consent");
    person->consent = *patch.consent;
  }
  return problems;
}

bool CanHandlePeopleOf(const identity::Caller& p, const Organization& org) {
  return CanEdit(p, org);
}

}  // namespace iris::membership::domain
