// What the statistics and open-data use cases need from storage: figures grouped by Postgres,
// each read in one statement (one snapshot), and every award as published.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "services/grants/domain/open_data.hpp"
#include "services/grants/domain/statistics.hpp"

namespace iris::grants::storage {

// A call's figures per country of its applicants, with what the rules need of the call.
struct CallFigures {
  std::string status;    // the call's
  std::string currency;  // the call's
  std::vector<domain::CountryFigures> by_country;
};

// Every award with the number the gateway's ETag is made of: it grows with every change of a
// grant or of a call that has grants (the sum of their row versions; rows are never deleted).
struct OpenDataAwards {
  std::vector<domain::OpenDataAward> awards;  // by award time, then id
  int64_t version = 0;
};

class StatisticsRepository {
 public:
  virtual ~StatisticsRepository() = default;
  // nullopt when there is no such call. `call_id` must be a uuid.
  virtual absl::StatusOr<std::optional<CallFigures>> CallFiguresOf(db::Tx& tx,
                                                                   const std::string& call_id) = 0;
  // The non-draft calls opened in years from..to (0: unbounded) in each call's time zone,
  // grouped by currency, year and applicant country.
  virtual absl::StatusOr<std::vector<domain::YearCountryRow>> YearCountryFigures(db::Tx& tx,
                                                                                 int from,
                                                                                 int to) = 0;
  virtual absl::StatusOr<OpenDataAwards> Awards(db::Tx& tx) = 0;
};

}  // namespace iris::grants::storage
