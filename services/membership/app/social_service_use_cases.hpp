// Use cases over social services: authorise through the offering organisation, apply the rules,
// store, record outbox and audit.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/membership/domain/social_service.hpp"
#include "services/membership/storage/organization_repository.hpp"
#include "services/membership/storage/reference_cache.hpp"
#include "services/membership/storage/social_service_repository.hpp"

namespace iris::membership::app {

struct SocialServiceListRequest {
  std::string organization_id;  // empty: across members
  std::vector<std::string> country, target_group, category, licensing_status;  // any of them
  std::string licence_expires_before;
  pagination::PageParams page;
};

class SocialServiceUseCases {
 public:
  SocialServiceUseCases(db::Pool& pool, storage::SocialServiceRepository& services,
                        storage::OrganizationRepository& orgs,
                        storage::ReferenceCache& reference_codes)
      : pool_(pool), services_(services), orgs_(orgs), reference_codes_(reference_codes) {}

  absl::StatusOr<domain::SocialService> Create(const identity::Caller& caller,
                                               const std::string& organization_id,
                                               const domain::SocialServicePatch& fields);
  absl::StatusOr<domain::SocialService> Get(const identity::Caller& caller,
                                            const std::string& organization_id,
                                            const std::string& id);
  // expected_version 0: no precondition.
  absl::StatusOr<domain::SocialService> Update(const identity::Caller& caller,
                                               const std::string& organization_id,
                                               const std::string& id,
                                               const domain::SocialServicePatch& fields,
                                               int64_t expected_version);
  absl::Status Delete(const identity::Caller& caller, const std::string& organization_id,
                      const std::string& id, int64_t expected_version);
  absl::StatusOr<pagination::Page<domain::SocialService>> List(const identity::Caller& caller,
                                                               const SocialServiceListRequest& req);
  absl::StatusOr<std::vector<storage::ServiceCategory>> Categories();

 private:
  // The categories (read each time), target groups and languages (cached) a service may use.
  absl::StatusOr<domain::ServiceReferenceCodes> AllowedCodes(db::Tx& tx);
  // The organisation, share-locked until the transaction ends, when the caller may manage its
  // services now; else NOT_FOUND (invisible), UNAUTHENTICATED (anonymous) or PERMISSION_DENIED
  // (not the caller's, or a member's while it is suspended or withdrawn: CheckMemberMayWrite).
  // Write transactions only.
  absl::StatusOr<domain::Organization> Managed(db::Tx& tx, const identity::Caller& p,
                                               const std::string& organization_id);
  // The service, locked, when it belongs to the organisation; else NOT_FOUND.
  absl::StatusOr<domain::SocialService> LockedUnder(db::Tx& tx, const std::string& organization_id,
                                                    const std::string& id);

  db::Pool& pool_;
  storage::SocialServiceRepository& services_;
  storage::OrganizationRepository& orgs_;
  storage::ReferenceCache& reference_codes_;
};

}  // namespace iris::membership::app
