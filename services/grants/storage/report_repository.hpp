// What the report use cases (and paying a tranche) need from storage.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "services/grants/domain/report.hpp"

namespace iris::grants::storage {

class ReportRepository {
 public:
  virtual ~ReportRepository() = default;
  virtual absl::StatusOr<domain::Report> Insert(db::Tx& tx, const domain::Report& r) = 0;
  // NOT_FOUND when no report has this id (a malformed id included).
  virtual absl::StatusOr<domain::Report> FindById(db::Tx& tx, const std::string& id) = 0;
  virtual absl::StatusOr<domain::Report> FindForUpdate(db::Tx& tx, const std::string& id) = 0;
  virtual absl::StatusOr<std::vector<domain::Report>> ListByGrant(db::Tx& tx,
                                                                  const std::string& grant_id) = 0;
  // A returned report's kind, narrative and spent; "invalid_transition" when not returned.
  virtual absl::StatusOr<domain::Report> Update(db::Tx& tx, const domain::Report& r) = 0;
  // from -> to with the note; "invalid_transition" when it is no longer in `from`.
  virtual absl::StatusOr<domain::Report> Move(db::Tx& tx, const std::string& id,
                                              domain::ReportStatus from, domain::ReportStatus to,
                                              const std::string& note) = 0;
  virtual absl::StatusOr<bool> HasAccepted(db::Tx& tx, const std::string& grant_id,
                                           domain::ReportKind kind) = 0;
};

}  // namespace iris::grants::storage
