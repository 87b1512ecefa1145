// What the membership application use cases need from storage.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/membership/domain/application.hpp"

namespace iris::membership::storage {

struct ApplicationQuery {
  bool see_all = false;                      // network admins
  std::optional<std::string> own_country;    // coordinators
  std::vector<std::string> status, country;  // any of the values; empty: all
  pagination::KeysetRequest page;  // order, position, size; List fetches RowsToFetch(limit)
};

// The orders of a list of applications; the first is the default.
inline const std::array<pagination::SortField<domain::MembershipApplication>, 2> kApplicationSorts{{
    {"created_at", pagination::KeyKind::kInstant, "membership_applications.created_at",
     [](const domain::MembershipApplication& a) { return pagination::InstantKey(a.created_at); }},
    {"updated_at", pagination::KeyKind::kInstant, "membership_applications.updated_at",
     [](const domain::MembershipApplication& a) { return pagination::InstantKey(a.updated_at); }},
}};

class ApplicationRepository {
 public:
  virtual ~ApplicationRepository() = default;
  // NOT_FOUND when no application has this id (a malformed id included).
  virtual absl::StatusOr<domain::MembershipApplication> FindById(db::Tx& tx,
                                                                 const std::string& id) = 0;
  // As FindById, locking the row until the transaction ends.
  virtual absl::StatusOr<domain::MembershipApplication> FindForUpdate(db::Tx& tx,
                                                                      const std::string& id) = 0;
  // NOT_FOUND when no application has a status token with this SHA-256.
  virtual absl::StatusOr<domain::MembershipApplication> FindByStatusToken(
      db::Tx& tx, const std::string& token_hash) = 0;
  virtual absl::StatusOr<domain::MembershipApplication> Insert(
      db::Tx& tx, const domain::MembershipApplication& a, const std::string& status_token_hash) = 0;
  // Moves a submitted application to `status`; FAILED_PRECONDITION "invalid_transition" when
  // it is no longer submitted (someone decided first).
  virtual absl::StatusOr<domain::MembershipApplication> Decide(
      db::Tx& tx, const std::string& id, domain::ApplicationStatus status, const std::string& note,
      const std::string& organization_id) = 0;
  // Up to pagination::RowsToFetch(q.page.limit) rows in the page's order after its position,
  // and the total when asked; pagination::PageOf makes the page.
  virtual absl::StatusOr<pagination::Rows<domain::MembershipApplication>> List(
      db::Tx& tx, const ApplicationQuery& q) = 0;
};

}  // namespace iris::membership::storage
