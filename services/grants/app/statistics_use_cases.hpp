// Use cases of the scheme's figures and its 360Giving open data: public reads, no personal data,
// drafts never counted. Nothing here changes anything.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "services/grants/domain/open_data.hpp"
#include "services/grants/domain/statistics.hpp"
#include "services/grants/storage/statistics_repository.hpp"

namespace iris::grants::app {

// The currency of zero figures when no call says one (the scheme pays in euros).
inline constexpr const char* kDefaultStatsCurrency = "EUR";

enum class OpenDataFormat { kJson, kCsv };

struct OpenDataDocument {
  std::string content_type;
  std::string body;
  int64_t version = 0;  // grows with every change of an award (storage::OpenDataAwards)
};

class StatisticsUseCases {
 public:
  StatisticsUseCases(db::Pool& pool, storage::StatisticsRepository& repo,
                     domain::OpenDataPublisher publisher)
      : pool_(pool), repo_(repo), publisher_(std::move(publisher)) {}

  // A draft call, an unknown one or a malformed id: NOT_FOUND, as the call itself.
  absl::StatusOr<domain::CallStats> CallStats(const std::string& call_id);
  // Years from..to inclusive (0: unbounded), each 0 or 1..9999; from after to is malformed
  // (naming `from`). Money adds up one currency: `currency` when given (3 capital letters, else
  // malformed), else the only one of the selected calls; several and none named is malformed
  // naming `currency`, with the currencies found.
  absl::StatusOr<domain::GrantStats> GrantStats(int from, int to, const std::string& currency);
  // Every award as a 360Giving data package (JSON) or its CSV form.
  absl::StatusOr<OpenDataDocument> OpenData(OpenDataFormat format);

 private:
  db::Pool& pool_;
  storage::StatisticsRepository& repo_;
  const domain::OpenDataPublisher publisher_;
};

}  // namespace iris::grants::app
