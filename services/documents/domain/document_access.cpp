#include "services/documents/domain/document_access.hpp"

#include "absl/algorithm/container.h"

namespace iris::documents::domain {

bool IsStaff(const identity::Caller& caller) {
  return caller.IsNetworkAdmin() || caller.IsCoordinator();
}

bool IsOwnMember(const identity::Caller& caller, const Document& d) {
  // An empty id (a caller without one) names nothing, even a list that holds "" by mistake.
  return caller.IsMember() && !caller.organization_id.empty() &&
         absl::c_linear_search(d.organization_ids, caller.organization_id);
}

bool IsStaffFor(const identity::Caller& caller, const Document& d) {
  if (caller.IsNetworkAdmin()) return true;
  return caller.IsCoordinator() && !caller.country.empty() &&
         absl::c_linear_search(d.countries, caller.country);
}

// A coordinator sees an unpublished document only when it names the coordinator's country
// (decision 1): another country's draft, or a regional one without a country, stays hidden.
bool CanSeeUnpublished(const identity::Caller& caller, const Document& d) {
  return IsStaffFor(caller, d) || IsOwnMember(caller, d);
}

bool CanSee(const identity::Caller& caller, const Document& d) {
  return d.status == DocumentStatus::kPublished || d.status == DocumentStatus::kArchived ||
         CanSeeUnpublished(caller, d);
}

bool CanEdit(const identity::Caller& caller, const Document& d) {
  switch (d.status) {
    case DocumentStatus::kDraft: return IsStaffFor(caller, d) || IsOwnMember(caller, d);
    case DocumentStatus::kInReview: return IsStaffFor(caller, d);
    case DocumentStatus::kPublished:
    case DocumentStatus::kArchived: return false;
  }
  return false;
}

bool CanPublish(const identity::Caller& caller, const Document& d) {
  if (caller.IsNetworkAdmin()) return true;
  return caller.IsCoordinator() && d.countries.size() == 1 && d.countries[0] == caller.country;
}

bool CanRevise(const identity::Caller& caller, const Document& d) {
  if (d.status == DocumentStatus::kPublished) {
    return CanPublish(caller, d) || IsOwnMember(caller, d);
  }
  return CanEdit(caller, d);
}

int CurrentVersionFor(const identity::Caller& caller, const Document& d) {
  return CanSeeUnpublished(caller, d) ? d.latest_version : d.published_version;
}

}  // namespace iris::documents::domain
