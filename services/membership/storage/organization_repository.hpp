// What the organisation use cases need from storage.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/membership/domain/organization.hpp"

namespace iris::membership::storage {

struct OrganizationQuery {
  // Visibility: all statuses, or active plus the caller's country / own organisation.
  bool see_all = false;
  std::optional<std::string> own_country;
  std::optional<std::string> own_organization;
  // Filters: a row matches one of each filter's values; an empty filter matches all.
  std::vector<std::string> country, status, kind, target_group;
  std::vector<std::string> words;  // every one must match; empty: no search
  pagination::KeysetRequest page;  // order, position, size; List fetches RowsToFetch(limit)
};

// The orders of a list of organisations; the first is the default. Names sort by the Unicode
// collation (ICU root): case and diacritics as a reader expects, Latin before Cyrillic.
inline const std::array<pagination::SortField<domain::Organization>, 3> kOrganizationSorts{{
    {"created_at", pagination::KeyKind::kInstant, "organizations.created_at",
     [](const domain::Organization& o) { return pagination::InstantKey(o.created_at); }},
    {"name", pagination::KeyKind::kText, R"(organizations.name COLLATE "und-x-icu")",
     [](const domain::Organization& o) { return o.name; }},
    {"updated_at", pagination::KeyKind::kInstant, "organizations.updated_at",
     [](const domain::Organization& o) { return pagination::InstantKey(o.updated_at); }},
}};

class OrganizationRepository {
 public:
  virtual ~OrganizationRepository() = default;
  // NOT_FOUND when no organisation has this id (a malformed id included).
  virtual absl::StatusOr<domain::Organization> FindById(db::Tx& tx, const std::string& id) = 0;
  // As FindById, locking the row until the transaction ends.
  virtual absl::StatusOr<domain::Organization> FindForUpdate(db::Tx& tx, const std::string& id) = 0;
  // As FindById, with a share lock until the transaction ends: a write that depends on the
  // organisation's state (its status) keeps that state from changing under it, while other such
  // writes go on. Pool::Write only: a read-only session refuses row locks.
  virtual absl::StatusOr<domain::Organization> FindForShare(db::Tx& tx, const std::string& id) = 0;
  // Inserts an active organisation joined today; returns it as stored.
  virtual absl::StatusOr<domain::Organization> Insert(db::Tx& tx,
                                                      const domain::Organization& org) = 0;
  // Writes the client-writable fields when the stored version is still `expected_version`;
  // otherwise FAILED_PRECONDITION reason "stale_version".
  virtual absl::StatusOr<domain::Organization> Update(db::Tx& tx, const domain::Organization& org,
                                                      int64_t expected_version) = 0;
  virtual absl::StatusOr<domain::Organization> SetStatus(db::Tx& tx, const std::string& id,
                                                         int64_t expected_version,
                                                         domain::OrganizationStatus status,
                                                         const std::string& note) = 0;
  // Up to pagination::RowsToFetch(query.page.limit) rows in the page's order after its
  // position, and the total when asked; pagination::PageOf makes the page.
  virtual absl::StatusOr<pagination::Rows<domain::Organization>> List(
      db::Tx& tx, const OrganizationQuery& query) = 0;
};

}  // namespace iris::membership::storage
