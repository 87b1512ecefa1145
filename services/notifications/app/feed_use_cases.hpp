// The change feed (GET /v1/changes): every stored change in seq order, for partners and staff.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "services/notifications/domain/inbox.hpp"
#include "services/notifications/storage/message_repository.hpp"

namespace iris::notifications::app {

struct FeedPage {
  std::vector<domain::FeedChange> items;
  std::string next_cursor;  // never empty: the last item's, or the `after` read from
};

class FeedUseCases {
 public:
  FeedUseCases(db::Pool& pool, storage::MessageRepository& messages)
      : pool_(pool), messages_(messages) {}

  // Network admins, coordinators and partners; members and reviewers PERMISSION_DENIED,
  // anonymous UNAUTHENTICATED. A malformed `after` or a limit outside 1..500 (0: 100) is
  // INVALID_ARGUMENT reason "malformed".
  absl::StatusOr<FeedPage> List(const identity::Caller& caller, const std::string& after,
                                int limit);

 private:
  db::Pool& pool_;
  storage::MessageRepository& messages_;
};

}  // namespace iris::notifications::app
