// What the grant call use cases need from storage.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/grants/domain/call.hpp"

namespace iris::grants::storage {

struct CallQuery {
  bool include_drafts = false;               // network admins
  std::vector<std::string> status, country;  // any of the values; empty: all
  pagination::KeysetRequest page;  // order, position, size; List fetches RowsToFetch(limit)
};

// The orders of a list of calls; the first is the default. Each has an index (V001).
inline const std::array<pagination::SortField<domain::GrantCall>, 2> kCallSorts{{
    {"created_at", pagination::KeyKind::kInstant, "calls.created_at",
     [](const domain::GrantCall& c) { return pagination::InstantKey(c.created_at); }},
    {"opens_at", pagination::KeyKind::kInstant, "calls.opens_at",
     [](const domain::GrantCall& c) { return pagination::InstantKey(c.opens_at); }},
}};

class CallRepository {
 public:
  virtual ~CallRepository() = default;
  // NOT_FOUND when no call has this id (a malformed id included).
  virtual absl::StatusOr<domain::GrantCall> FindById(db::Tx& tx, const std::string& id) = 0;
  // As FindById, locking the call's row until the transaction ends: the lock awards and the
  // lifecycle verbs take, so each sees the other's outcome.
  virtual absl::StatusOr<domain::GrantCall> FindForUpdate(db::Tx& tx, const std::string& id) = 0;
  // A new draft with its allocations.
  virtual absl::StatusOr<domain::GrantCall> Insert(db::Tx& tx, const domain::GrantCall& c) = 0;
  // Writes the call's writable fields (and, when `allocations_changed`, replaces its
  // allocations) if its version is still `version`; FAILED_PRECONDITION "stale_version"
  // otherwise.
  virtual absl::StatusOr<domain::GrantCall> Update(db::Tx& tx, const domain::GrantCall& c,
                                                   int64_t version, bool allocations_changed) = 0;
  // Moves the call from `from` to `to` with the note; FAILED_PRECONDITION
  // "invalid_transition" when it is no longer in `from`.
  virtual absl::StatusOr<domain::GrantCall> SetStatus(db::Tx& tx, const std::string& id,
                                                      domain::CallStatus from,
                                                      domain::CallStatus to,
                                                      const std::string& note) = 0;
  // An application a close moved to under_review.
  struct MovedApplication {
    std::string id, organization_id, country;
    int64_t version = 0;
  };
  // Every submitted application of the call becomes under_review; returns them.
  virtual absl::StatusOr<std::vector<MovedApplication>> StartReview(db::Tx& tx,
                                                                    const std::string& call_id) = 0;
  // How many applications of the call are under review.
  virtual absl::StatusOr<int64_t> CountUnderReview(db::Tx& tx, const std::string& call_id) = 0;
  // Up to pagination::RowsToFetch(q.page.limit) rows in the page's order after its position,
  // and the total when asked; pagination::PageOf makes the page.
  virtual absl::StatusOr<pagination::Rows<domain::GrantCall>> List(db::Tx& tx,
                                                                   const CallQuery& q) = 0;
};

}  // namespace iris::grants::storage
