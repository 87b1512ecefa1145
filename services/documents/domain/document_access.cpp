#include "services/documents/domain/document_access.hpp"

#include <algorithm>

namespace iris::documents::domain {
namespace {

bool Names(const std::vector<std::string>& list, const std::string& item) {
  return !item.empty() && std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

bool IsStaff(const identity::Caller& caller) {
  return caller.IsNetworkAdmin() || caller.IsCoordinator();
}

bool IsOwnMember(const identity::Caller& caller, const Document& d) {
  return caller.IsMember() && Names(d.organization_ids, caller.organization_id);
}

bool IsStaffFor(const identity::Caller& caller, const Document& d) {
  if (caller.IsNetworkAdmin()) return true;
  return caller.IsCoordinator() && Names(d.countries, caller.country);
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
