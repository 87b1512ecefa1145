// A person's inbox: its own items only, newest first by default; marking one read.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/notifications/domain/inbox.hpp"
#include "services/notifications/storage/inbox_repository.hpp"

namespace iris::notifications::app {

struct InboxListRequest {
  bool unread_only = false;
  pagination::PageParams page;  // sort "" is -created_at (newest first)
};

class InboxUseCases {
 public:
  InboxUseCases(db::Pool& pool, storage::InboxRepository& inbox) : pool_(pool), inbox_(inbox) {}

  // Signed-in callers (anonymous: UNAUTHENTICATED).
  absl::StatusOr<pagination::Page<domain::InboxItem>> List(const identity::Caller& caller,
                                                           const InboxListRequest& req);
  // The caller's own item (another's, or none: NOT_FOUND); a second read keeps the first
  // read_at and records nothing.
  absl::StatusOr<domain::InboxItem> MarkRead(const identity::Caller& caller, const std::string& id);

 private:
  db::Pool& pool_;
  storage::InboxRepository& inbox_;
};

}  // namespace iris::notifications::app
