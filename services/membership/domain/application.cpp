#include "services/membership/domain/application.hpp"

#include <algorithm>
#include <array>

#include "absl/strings/ascii.h"
#include "services/membership/domain/text_rules.hpp"

namespace iris::membership::domain {
namespace {

constexpr std::array<std::string_view, 8> kReadOnly{
    "id",      "status",     "status_note", "status_changed_at", "organization_id",
    "version", "created_at", "updated_at"};

std::string Trimmed(const std::optional<std::string>& s) {
  return s ? std::string(absl::StripAsciiWhitespace(*s)) : std::string();
}

}  // namespace

std::string_view ApplicationStatusWord(ApplicationStatus s) {
  switch (s) {
    case ApplicationStatus::kSubmitted: return "submitted";
    case ApplicationStatus::kApproved: return "approved";
    case ApplicationStatus::kRejected: return "rejected";
  }
  return "submitted";
}

std::optional<ApplicationStatus> ParseApplicationStatus(std::string_view word) {
  for (auto s : {ApplicationStatus::kSubmitted, ApplicationStatus::kApproved,
                 ApplicationStatus::kRejected}) {
    if (ApplicationStatusWord(s) == word) return s;
  }
  return std::nullopt;
}

bool IsReadOnlyApplicationField(std::string_view field) {
  return std::find(kReadOnly.begin(), kReadOnly.end(), field) != kReadOnly.end();
}

std::vector<InvalidField> Draft(const ApplicationSubmission& s, const ReferenceCodes& refs,
                                MembershipApplication* out) {
  std::vector<InvalidField> problems;
  for (const auto& f : s.read_only_sent) {
    problems.push_back({f, "is read-only; the server sets it"});
  }
  for (const auto& f : s.unknown_sent) {
    problems.push_back({f, "is not a field of a membership application"});
  }
  if (!s.organization_sent) {
    problems.push_back({"organization", "is required"});
  } else {
    std::vector<std::string> changed;
    for (auto& p : Apply(s.organization, refs, &out->organization, &changed)) {
      problems.push_back({"organization." + p.field, p.message});
    }
    // Applications are for membership; other kinds are registered by staff.
    if (s.organization.kind && *s.organization.kind != OrganizationKind::kMemberCso) {
      problems.push_back({"organization.kind", "must be member_cso (or left out)"});
    }
    out->organization.kind = OrganizationKind::kMemberCso;
  }
  out->contact_name = Trimmed(s.contact_name);
  out->contact_email = Trimmed(s.contact_email);
  if (out->contact_name.empty()) {
    problems.push_back({"contact.name", "is required"});
  } else if (CharCount(out->contact_name) > 200) {
    problems.push_back({"contact.name", "must be at most 200 characters"});
  }
  if (out->contact_email.empty()) {
    problems.push_back({"contact.email", "is required"});
  } else if (CharCount(out->contact_email) > kMaxEmailLength) {
    problems.push_back(
        {"contact.email", "must be at most " + std::to_string(kMaxEmailLength) + " characters"});
  } else if (!LooksLikeEmail(out->contact_email)) {
    problems.push_back({"contact.email", "must be an email address such as ana@example.org"});
  }
  out->motivation = Trimmed(s.motivation);
  if (CharCount(out->motivation) > 4000) {
    problems.push_back({"motivation", "must be at most 4000 characters"});
  }
  return problems;
}

bool CanDecide(const identity::Caller& p, const MembershipApplication& a) {
  return CanCreateIn(p, a.organization.country);
}

Organization MemberFrom(const MembershipApplication& a) {
  Organization org = a.organization;
  org.kind = OrganizationKind::kMemberCso;
  return org;
}

}  // namespace iris::membership::domain
