// Membership applications: what an applicant submits, its decision states and who decides.
// Pure rules: no I/O, no proto.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/membership/domain/organization.hpp"

namespace iris::membership::domain {

enum class ApplicationStatus { kSubmitted, kApproved, kRejected };
std::string_view ApplicationStatusWord(ApplicationStatus s);  // "submitted", ...
std::optional<ApplicationStatus> ParseApplicationStatus(std::string_view word);

struct MembershipApplication {
  std::string id;
  Organization organization;  // the writable fields as submitted; kind is member_cso
  std::string contact_name;
  std::string contact_email;
  std::string motivation;
  ApplicationStatus status = ApplicationStatus::kSubmitted;
  std::string status_note;
  std::optional<Time> status_changed_at;
  std::string organization_id;  // set once approved
  int64_t version = 1;
  Time created_at;
  Time updated_at;
};

// What an applicant sends. Organisation field errors are named "organization.<field>".
struct ApplicationSubmission {
  OrganizationPatch organization;
  bool organization_sent = false;
  std::optional<std::string> contact_name, contact_email;
  bool contact_sent = false;
  std::optional<std::string> motivation;
  std::vector<std::string> read_only_sent;  // top-level server fields (status, id, ...)
  std::vector<std::string> unknown_sent;
};

bool IsReadOnlyApplicationField(std::string_view field);

// Validates the submission into a draft application: every problem at once.
std::vector<InvalidField> Draft(const ApplicationSubmission& s, const ReferenceCodes& refs,
                                MembershipApplication* out);

// Network admins every application, coordinators those of their country.
bool CanDecide(const identity::Caller& p, const MembershipApplication& a);

// The organisation an approval registers: member_cso; the repository makes it active and
// joined today.
Organization MemberFrom(const MembershipApplication& a);

}  // namespace iris::membership::domain
