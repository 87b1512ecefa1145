// StatisticsRepository over the grants schema (stats_*.sql, open_data_*.sql).
#pragma once

#include "services/grants/storage/statistics_repository.hpp"

namespace iris::grants::storage {

class PgStatisticsRepository : public StatisticsRepository {
 public:
  absl::StatusOr<std::optional<CallFigures>> CallFiguresOf(db::Tx& tx,
                                                           const std::string& call_id) override;
  absl::StatusOr<std::vector<domain::YearCountryRow>> YearCountryFigures(db::Tx& tx, int from,
                                                                         int to) override;
  absl::StatusOr<OpenDataAwards> Awards(db::Tx& tx) override;
};

}  // namespace iris::grants::storage
