// ReportRepository over grants.reports.
#pragma once

#include "services/grants/storage/report_repository.hpp"

namespace iris::grants::storage {

class PgReportRepository : public ReportRepository {
 public:
  absl::StatusOr<domain::Report> Insert(db::Tx& tx, const domain::Report& r) override;
  absl::StatusOr<domain::Report> FindById(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::Report> FindForUpdate(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<std::vector<domain::Report>> ListByGrant(db::Tx& tx,
                                                          const std::string& grant_id) override;
  absl::StatusOr<domain::Report> Update(db::Tx& tx, const domain::Report& r) override;
  absl::StatusOr<domain::Report> Move(db::Tx& tx, const std::string& id, domain::ReportStatus from,
                                      domain::ReportStatus to, const std::string& note) override;
  absl::StatusOr<bool> HasAccepted(db::Tx& tx, const std::string& grant_id,
                                   domain::ReportKind kind) override;
};

}  // namespace iris::grants::storage
