// What the social service use cases need from storage.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/membership/domain/reference.hpp"
#include "services/membership/domain/social_service.hpp"

namespace iris::membership::storage {

struct SocialServiceQuery {
  // Visibility, by the organisation: all, or active plus the caller's country / own one.
  bool see_all = false;
  std::optional<std::string> own_country;
  std::optional<std::string> own_organization;
  // Filters, each optional; licence_expires_before is a YYYY-MM-DD date. The lists match any
  // of their values; empty matches all.
  std::optional<std::string> organization_id, licence_expires_before;
  std::vector<std::string> country, target_group, category, licensing_status;
  pagination::KeysetRequest page;  // order, position, size; List fetches RowsToFetch(limit)
};

// The orders of a list of services; the first is the default. licence_valid_until puts
// services without an expiry last (first when descending).
inline const std::array<pagination::SortField<domain::SocialService>, 4> kSocialServiceSorts{{
    {"created_at", pagination::KeyKind::kInstant, "s.created_at",
     [](const domain::SocialService& s) { return pagination::InstantKey(s.created_at); }},
    {"organization_name", pagination::KeyKind::kText, R"(o.name COLLATE "und-x-icu")",
     [](const domain::SocialService& s) { return s.organization_name; }},
    {"licence_valid_until", pagination::KeyKind::kDate,
     "COALESCE(s.licence_valid_until, 'infinity'::date)",
     [](const domain::SocialService& s) { return pagination::DateKey(s.licensing.valid_until); }},
    {"updated_at", pagination::KeyKind::kInstant, "s.updated_at",
     [](const domain::SocialService& s) { return pagination::InstantKey(s.updated_at); }},
}};

struct ServiceCategory {
  std::string code;
  domain::LocalizedText name;
};

class SocialServiceRepository {
 public:
  virtual ~SocialServiceRepository() = default;
  // NOT_FOUND when no service has this id (a malformed id included).
  virtual absl::StatusOr<domain::SocialService> FindById(db::Tx& tx, const std::string& id) = 0;
  // As FindById, locking the row until the transaction ends.
  virtual absl::StatusOr<domain::SocialService> FindForUpdate(db::Tx& tx,
                                                              const std::string& id) = 0;
  virtual absl::StatusOr<domain::SocialService> Insert(db::Tx& tx,
                                                       const domain::SocialService& s) = 0;
  // Writes the client-writable fields when the stored version is still `expected_version`;
  // otherwise FAILED_PRECONDITION reason "stale_version".
  virtual absl::StatusOr<domain::SocialService> Update(db::Tx& tx, const domain::SocialService& s,
                                                       int64_t expected_version) = 0;
  // Deletes the row at `expected_version`; otherwise as Update.
  virtual absl::Status Delete(db::Tx& tx, const std::string& id, int64_t expected_version) = 0;
  // Up to pagination::RowsToFetch(q.page.limit) rows in the page's order after its position,
  // and the total when asked; pagination::PageOf makes the page.
  virtual absl::StatusOr<pagination::Rows<domain::SocialService>> List(
      db::Tx& tx, const SocialServiceQuery& q) = 0;
  virtual absl::StatusOr<std::vector<ServiceCategory>> ListCategories(db::Tx& tx) = 0;
};

}  // namespace iris::membership::storage
