// Use cases over campaigns: network admins create and change every campaign, national
// coordinators the national campaigns of their country; anyone reads them, with the linked
// documents and events the caller may see (documents in SQL, events asked of events).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/event_directory/directory.hpp"
#include "libs/identity/caller.hpp"
#include "libs/members/directory.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/documents/domain/campaign.hpp"
#include "services/documents/storage/campaign_repository.hpp"
#include "services/documents/storage/document_repository.hpp"

namespace iris::documents::app {

struct CampaignListRequest {
  std::vector<std::string> scope, country;  // any of the values
  pagination::PageParams page;
};

class CampaignUseCases {
 public:
  CampaignUseCases(db::Pool& pool, storage::CampaignRepository& campaigns,
                   storage::DocumentRepository& documents, members::MembershipDirectory& membership,
                   event_directory::EventDirectory& events)
      : pool_(pool),
        campaigns_(campaigns),
        documents_(documents),
        membership_(membership),
        events_(events) {}

  // The lead organisation an active member, each document one the caller sees, each event one
  // events shows the caller (else 422 on the field; 503 when membership or events do not
  // answer, nothing written).
  absl::StatusOr<domain::Campaign> Create(const identity::Caller& caller,
                                          const domain::CampaignPatch& fields);
  absl::StatusOr<domain::Campaign> Get(const identity::Caller& caller, const std::string& id);
  // Links the caller may not see stay linked (another editor's), and stay out of its answer.
  absl::StatusOr<domain::Campaign> Update(const identity::Caller& caller, const std::string& id,
                                          const domain::CampaignPatch& fields,
                                          int64_t expected_version);
  absl::StatusOr<pagination::Page<domain::Campaign>> List(const identity::Caller& caller,
                                                          const CampaignListRequest& req);

 private:
  // Asks membership about the lead and events about the events `next` adds to `before`, and
  // checks in `tx`-less reads that the documents it adds are visible to the caller. `sent`:
  // the lists as the client sent them, whose positions name the elements in problems.
  absl::Status CheckLinks(const identity::Caller& caller, const domain::Campaign& next,
                          const domain::Campaign* before, const domain::CampaignPatch& sent);
  // Leaves out of `campaigns` the events the caller may not see (each id asked once).
  absl::Status FilterEvents(const identity::Caller& caller,
                            std::vector<domain::Campaign>& campaigns);

  db::Pool& pool_;
  storage::CampaignRepository& campaigns_;
  storage::DocumentRepository& documents_;
  members::MembershipDirectory& membership_;
  event_directory::EventDirectory& events_;
};

}  // namespace iris::documents::app
