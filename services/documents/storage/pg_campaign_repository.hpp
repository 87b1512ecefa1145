// CampaignRepository over documents.campaigns and documents.campaign_documents.
#pragma once

#include "libs/db/row.hpp"
#include "services/documents/storage/campaign_repository.hpp"

namespace iris::documents::storage {

class PgCampaignRepository : public CampaignRepository {
 public:
  absl::StatusOr<domain::Campaign> FindById(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::Campaign> FindForUpdate(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::Campaign> Insert(db::Tx& tx, const domain::Campaign& c) override;
  absl::StatusOr<domain::Campaign> Update(db::Tx& tx, const domain::Campaign& c,
                                          int64_t version) override;
  absl::StatusOr<pagination::Rows<domain::Campaign>> List(db::Tx& tx,
                                                          const CampaignQuery& q) override;
  absl::StatusOr<std::map<std::string, std::vector<std::string>>> LinkedDocuments(
      db::Tx& tx, const Viewer& viewer, const std::vector<std::string>& campaign_ids) override;
};

// A campaign (without its document links) from a row returning {{campaigns_columns}}.
domain::Campaign CampaignFromRow(const db::Row& r);

}  // namespace iris::documents::storage
