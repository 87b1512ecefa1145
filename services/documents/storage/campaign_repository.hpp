// What the campaign use cases need from storage: campaigns and the documents they link.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/documents/domain/campaign.hpp"
#include "services/documents/storage/document_repository.hpp"

namespace iris::documents::storage {

struct CampaignQuery {
  std::vector<std::string> scope, country;  // any of; empty: all
  pagination::KeysetRequest page;
};

// The orders of a list of campaigns (the use case asks for starts_on descending by default).
// Indexed (V003: campaigns_starts_on).
inline const std::array<pagination::SortField<domain::Campaign>, 1> kCampaignSorts{{
    {"starts_on", pagination::KeyKind::kDate, "campaigns.starts_on",
     [](const domain::Campaign& c) { return pagination::DateKey(c.starts_on); }},
}};

class CampaignRepository {
 public:
  virtual ~CampaignRepository() = default;
  // The campaign with every document it links (document_ids, seen or not); NOT_FOUND when none.
  virtual absl::StatusOr<domain::Campaign> FindById(db::Tx& tx, const std::string& id) = 0;
  virtual absl::StatusOr<domain::Campaign> FindForUpdate(db::Tx& tx, const std::string& id) = 0;
  // Inserts the campaign and its document links.
  virtual absl::StatusOr<domain::Campaign> Insert(db::Tx& tx, const domain::Campaign& c) = 0;
  // Writes the fields and the links if the version is still `version` (else stale_version).
  virtual absl::StatusOr<domain::Campaign> Update(db::Tx& tx, const domain::Campaign& c,
                                                  int64_t version) = 0;
  // A page of campaigns; their document_ids are left empty (LinkedDocuments fills them).
  virtual absl::StatusOr<pagination::Rows<domain::Campaign>> List(db::Tx& tx,
                                                                  const CampaignQuery& q) = 0;
  // The documents each campaign of `campaign_ids` links that the viewer sees, in order.
  virtual absl::StatusOr<std::map<std::string, std::vector<std::string>>> LinkedDocuments(
      db::Tx& tx, const Viewer& viewer, const std::vector<std::string>& campaign_ids) = 0;
};

}  // namespace iris::documents::storage
