// What the inbox use cases need from storage: a person's items, paged, and marking one read.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/notifications/domain/inbox.hpp"

namespace iris::notifications::storage {

struct InboxQuery {
  std::string recipient_id;
  bool unread_only = false;
  pagination::KeysetRequest page;
};

// The orders of an inbox; the use case asks for -created_at (newest first) by default.
inline const std::array<pagination::SortField<domain::InboxItem>, 1> kInboxSorts{{
    {"created_at", pagination::KeyKind::kInstant, "inbox.created_at",
     [](const domain::InboxItem& i) { return pagination::InstantKey(i.created_at); }},
}};

class InboxRepository {
 public:
  virtual ~InboxRepository() = default;
  virtual absl::StatusOr<pagination::Rows<domain::InboxItem>> List(db::Tx& tx,
                                                                   const InboxQuery& q) = 0;
  // The recipient's item; nullopt when it has none with this id (a malformed id included).
  virtual absl::StatusOr<std::optional<domain::InboxItem>> Find(db::Tx& tx, const std::string& id,
                                                                const std::string& recipient) = 0;
  // Sets read_at unless set; true when this call set it.
  virtual absl::StatusOr<bool> MarkRead(db::Tx& tx, const std::string& id,
                                        const std::string& recipient) = 0;
};

}  // namespace iris::notifications::storage
