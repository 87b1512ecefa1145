#include "services/membership/domain/organization.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "absl/strings/ascii.h"
#include "services/membership/domain/text_rules.hpp"

namespace iris::membership::domain {
namespace {

constexpr std::array<std::pair<OrganizationKind, std::string_view>, 5> kKinds{{
    {OrganizationKind::kMemberCso, "member_cso"},
    {OrganizationKind::kPartner, "partner"},
    {OrganizationKind::kPublicInstitution, "public_institution"},
    {OrganizationKind::kInternationalOrg, "international_org"},
    {OrganizationKind::kMedia, "media"},
}};

constexpr std::array<std::pair<OrganizationStatus, std::string_view>, 4> kStatuses{{
    {OrganizationStatus::kApplicant, "applicant"},
    {OrganizationStatus::kActive, "active"},
    {OrganizationStatus::kSuspended, "suspended"},
    {OrganizationStatus::kWithdrawn, "withdrawn"},
}};

constexpr std::array<std::string_view, 9> kReadOnly{
    "id",      "status",     "status_note", "status_changed_at", "joined_at",
    "version", "created_at", "updated_at",  "contacts"};
constexpr std::array<std::string_view, 13> kWritable{
    "name",        "acronym", "country",
    "city",        "kind",    "target_groups",
    "email",       "website", "registration_number",
    "description", "address", "phone",
    "logo_url"};

std::string Trimmed(const std::string& s) { return std::string(absl::StripAsciiWhitespace(s)); }

// Sets a text field from the patch, trimmed; records the change and any length problem.
void Text(const std::optional<std::string>& sent, std::string_view field, size_t max_chars,
          std::string* value, std::vector<InvalidField>* problems,
          std::vector<std::string>* changed) {
  if (!sent) return;
  std::string v = Trimmed(*sent);
  if (CharCount(v) > max_chars) {
    problems->push_back(
        {std::string(field), "must be at most " + std::to_string(max_chars) + " characters"});
  }
  if (v != *value) changed->push_back(std::string(field));
  *value = std::move(v);
}

}  // namespace

std::string_view KindWord(OrganizationKind k) {
  for (const auto& [kind, word] : kKinds) {
    if (kind == k) return word;
  }
  return "member_cso";
}

std::optional<OrganizationKind> ParseKind(std::string_view word) {
  for (const auto& [kind, w] : kKinds) {
    if (w == word) return kind;
  }
  return std::nullopt;
}

std::string_view StatusWord(OrganizationStatus s) {
  for (const auto& [status, word] : kStatuses) {
    if (status == s) return word;
  }
  return "active";
}

std::optional<OrganizationStatus> ParseStatus(std::string_view word) {
  for (const auto& [status, w] : kStatuses) {
    if (w == word) return status;
  }
  return std::nullopt;
}

bool IsReadOnlyField(std::string_view field) {
  return std::find(kReadOnly.begin(), kReadOnly.end(), field) != kReadOnly.end();
}

bool IsWritableField(std::string_view field) {
  return std::find(kWritable.begin(), kWritable.end(), field) != kWritable.end();
}

std::vector<InvalidField> Apply(const OrganizationPatch& patch, const ReferenceCodes& refs,
                                Organization* org, std::vector<std::string>* changed) {
  std::vector<InvalidField> problems;
  for (const auto& f : patch.read_only_sent) {
    problems.push_back({f, "is read-only; the server sets it"});
  }
  for (const auto& f : patch.unknown_sent) {
    problems.push_back({f, "is not a field of an organization"});
  }
  Text(patch.name, "name", 200, &org->name, &problems, changed);
  if (org->name.empty()) problems.push_back({"name", "is required"});
  Text(patch.acronym, "acronym", 32, &org->acronym, &problems, changed);

  if (patch.country) {
    std::string c = absl::AsciiStrToUpper(Trimmed(*patch.country));
    if (c != org->country) changed->push_back("country");
    org->country = std::move(c);
  }
  if (org->country.empty()) {
    problems.push_back({"country", "is required"});
  } else if (!refs.countries.contains(org->country)) {
    problems.push_back({"country", "must be one of the network's countries (GET /v1/countries)"});
  }
  Text(patch.city, "city", 100, &org->city, &problems, changed);

  if (patch.kind) {
    if (*patch.kind != org->kind) changed->push_back("kind");
    org->kind = *patch.kind;
  } else if (patch.kind_sent) {
    problems.push_back({"kind", "is required"});
  }

  if (patch.target_groups) {
    auto groups =
        CheckCodeList(*patch.target_groups, refs.target_groups, kTargetGroupList, &problems);
    if (groups != org->target_groups) changed->push_back("target_groups");
    org->target_groups = std::move(groups);
  }

  Text(patch.email, "email", kMaxEmailLength, &org->email, &problems, changed);
  if (patch.email && !org->email.empty() && !LooksLikeEmail(org->email)) {
    problems.push_back({"email", "must be an email address such as office@example.org"});
  }
  Text(patch.website, "website", 2048, &org->website, &problems, changed);
  if (patch.website && !org->website.empty() && !LooksLikeWebsite(org->website)) {
    problems.push_back({"website", "must be an http:// or https:// address"});
  }
  Text(patch.registration_number, "registration_number", 64, &org->registration_number, &problems,
       changed);

  if (patch.description) {
    auto description =
        CheckLocalizedText(*patch.description, "description", refs.languages, 2000, &problems);
    if (description != org->description) changed->push_back("description");
    org->description = std::move(description);
  }
  Text(patch.address, "address", 300, &org->address, &problems, changed);
  Text(patch.phone, "phone", 40, &org->phone, &problems, changed);
  if (patch.phone && !org->phone.empty() && !LooksLikePhone(org->phone)) {
    problems.push_back({"phone", "must be a phone number such as +381 11 123 4567"});
  }
  Text(patch.logo_url, "logo_url", 2048, &org->logo_url, &problems, changed);
  if (patch.logo_url && !org->logo_url.empty() && !LooksLikeWebsite(org->logo_url, true)) {
    problems.push_back({"logo_url", "must be an https:// address (pages load it over https)"});
  }
  return problems;
}

std::string_view VerbWord(Verb v) {
  switch (v) {
    case Verb::kApprove: return "approve";
    case Verb::kSuspend: return "suspend";
    case Verb::kReinstate: return "reinstate";
    case Verb::kWithdraw: return "withdraw";
  }
  return "approve";
}

std::optional<OrganizationStatus> Transition(OrganizationStatus from, Verb verb) {
  using S = OrganizationStatus;
  switch (verb) {
    case Verb::kApprove:
      if (from == S::kApplicant) return S::kActive;
      break;
    case Verb::kSuspend:
      if (from == S::kActive) return S::kSuspended;
      break;
    case Verb::kReinstate:
      if (from == S::kSuspended) return S::kActive;
      break;
    case Verb::kWithdraw:
      if (from == S::kActive || from == S::kSuspended) return S::kWithdrawn;
      break;
  }
  return std::nullopt;
}

bool NoteRequired(Verb v) { return v == Verb::kSuspend || v == Verb::kWithdraw; }

bool CanSee(const identity::Caller& p, const Organization& org) {
  return org.status == OrganizationStatus::kActive || CanEdit(p, org);
}

bool CanManage(const identity::Caller& p, const Organization& org) {
  return CanCreateIn(p, org.country);
}

bool CanCreateIn(const identity::Caller& p, std::string_view country) {
  return p.IsNetworkAdmin() || (p.IsCoordinator() && p.country == country);
}

bool CanEdit(const identity::Caller& p, const Organization& org) {
  return CanManage(p, org) || (p.IsMember() && p.organization_id == org.id);
}

bool MemberMayChange(std::string_view field) { return field != "country" && field != "kind"; }

std::vector<std::string> SearchWords(std::string_view q) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < q.size()) {
    while (i < q.size() && absl::ascii_isspace(static_cast<unsigned char>(q[i]))) ++i;
    size_t end = i;
    while (end < q.size() && !absl::ascii_isspace(static_cast<unsigned char>(q[end]))) ++end;
    std::string w(q.substr(i, end - i));
    if (!w.empty() && std::find(words.begin(), words.end(), w) == words.end()) {
      words.push_back(std::move(w));
    }
    i = end;
  }
  std::stable_sort(words.begin(), words.end(),
                   [](const auto& a, const auto& b) { return CharCount(a) > CharCount(b); });
  if (words.size() > kMaxSearchWords) words.resize(kMaxSearchWords);
  return words;
}

}  // namespace iris::membership::domain
