// ApplicationRepository over grants.applications (and this area's view of grants.calls).
#pragma once

#include "services/grants/storage/application_repository.hpp"

namespace iris::grants::storage {

class PgApplicationRepository : public ApplicationRepository {
 public:
  absl::StatusOr<domain::CallFacts> FindCall(db::Tx& tx, const std::string& call_id) override;
  absl::StatusOr<domain::CallFacts> FindCallForShare(db::Tx& tx,
                                                     const std::string& call_id) override;
  absl::StatusOr<domain::Application> FindById(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::Application> FindForUpdate(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<bool> IsAssigned(db::Tx& tx, const std::string& application_id,
                                  const std::string& reviewer_id) override;
  absl::StatusOr<domain::Application> Insert(db::Tx& tx, const domain::Application& a) override;
  absl::StatusOr<domain::Application> Update(db::Tx& tx, const domain::Application& a) override;
  absl::StatusOr<domain::Application> Submit(db::Tx& tx, const std::string& id,
                                             const std::string& organization_name,
                                             const std::string& country) override;
  absl::StatusOr<domain::Application> SetStatus(db::Tx& tx, const std::string& id,
                                                domain::ApplicationStatus status,
                                                const std::string& note) override;
  absl::StatusOr<pagination::Rows<domain::Application>> List(db::Tx& tx,
                                                             const ApplicationQuery& q) override;
  absl::StatusOr<std::vector<domain::Application>> Ranking(db::Tx& tx,
                                                           const std::string& call_id) override;
};

}  // namespace iris::grants::storage
