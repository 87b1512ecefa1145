// Use cases of the grantee's reports: members of the grantee organisation write and resubmit
// them, network admins accept or return them, staff and the grantee read them.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "services/grants/domain/report.hpp"
#include "services/grants/storage/award_repository.hpp"
#include "services/grants/storage/report_repository.hpp"

namespace iris::grants::app {

class ReportUseCases {
 public:
  ReportUseCases(db::Pool& pool, storage::AwardRepository& awards,
                 storage::ReportRepository& reports)
      : pool_(pool), awards_(awards), reports_(reports) {}

  // A new report, submitted at once.
  absl::StatusOr<domain::Report> Create(const identity::Caller& caller, const std::string& grant_id,
                                        const domain::ReportInput& in);
  absl::StatusOr<domain::Report> Get(const identity::Caller& caller, const std::string& id);
  absl::StatusOr<std::vector<domain::Report>> List(const identity::Caller& caller,
                                                   const std::string& grant_id);
  // Only while returned ("invalid_transition" otherwise).
  absl::StatusOr<domain::Report> Update(const identity::Caller& caller, const std::string& id,
                                        const domain::ReportInput& in, int64_t expected_version);
  // returned -> submitted (the grantee); submitted -> accepted | returned (network admins; a
  // return needs a note).
  absl::StatusOr<domain::Report> Submit(const identity::Caller& caller, const std::string& id,
                                        const std::string& note, int64_t expected_version);
  absl::StatusOr<domain::Report> Accept(const identity::Caller& caller, const std::string& id,
                                        const std::string& note, int64_t expected_version);
  absl::StatusOr<domain::Report> Return(const identity::Caller& caller, const std::string& id,
                                        const std::string& note, int64_t expected_version);

 private:
  absl::StatusOr<domain::Report> Move(const identity::Caller& caller, const std::string& id,
                                      domain::ReportStatus to, const std::string& note,
                                      int64_t expected_version);

  db::Pool& pool_;
  storage::AwardRepository& awards_;
  storage::ReportRepository& reports_;
};

}  // namespace iris::grants::app
