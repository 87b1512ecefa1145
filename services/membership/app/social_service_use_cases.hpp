// Use cases over social services: authorise through the offering organisation, apply the rules,
// store, record outbox and audit.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "services/membership/app/organization_use_cases.hpp"
#include "services/membership/domain/social_service.hpp"
#include "services/membership/storage/organization_repository.hpp"
#include "services/membership/storage/reference_repository.hpp"
#include "services/membership/storage/social_service_repository.hpp"

namespace iris::membership::app {

struct SocialServiceListRequest {
  std::string organization_id;  // empty: across members
  std::string country, target_group, category, licensing_status, licence_expires_before;
  int limit = 0;        // 0: the default (50); at most 200
  std::string cursor;   // the position JSON of a previous page's next_cursor; empty: first page
};

struct SocialServiceList {
  std::vector<domain::SocialService> items;
  std::string next_cursor;  // position JSON; empty on the last page
};

class SocialServiceUseCases {
 public:
  SocialServiceUseCases(db::Pool& pool, storage::SocialServiceRepository& services,
                        storage::OrganizationRepository& orgs,
                        storage::ReferenceRepository& reference)
      : pool_(pool), services_(services), orgs_(orgs), reference_(reference) {}

  absl::StatusOr<domain::SocialService> Create(const Requester& who,
                                               const std::string& organization_id,
                                               const domain::SocialServicePatch& fields);
  absl::StatusOr<domain::SocialService> Get(const Requester& who,
                                            const std::string& organization_id,
                                            const std::string& id);
  // expected_version 0: no precondition.
  absl::StatusOr<domain::SocialService> Update(const Requester& who,
                                               const std::string& organization_id,
                                               const std::string& id,
                                               const domain::SocialServicePatch& fields,
                                               int64_t expected_version);
  absl::Status Delete(const Requester& who, const std::string& organization_id,
                      const std::string& id, int64_t expected_version);
  absl::StatusOr<SocialServiceList> List(const Requester& who,
                                         const SocialServiceListRequest& req);
  absl::StatusOr<std::vector<storage::ServiceCategory>> Categories();

 private:
  absl::StatusOr<domain::ServiceReferenceCodes> Codes(db::Tx& tx);
  // The organisation when the caller may manage its services; else NOT_FOUND (invisible),
  // UNAUTHENTICATED (anonymous) or PERMISSION_DENIED.
  absl::StatusOr<domain::Organization> Managed(db::Tx& tx, const domain::Principal& p,
                                               const std::string& organization_id);
  // The service, locked, when it belongs to the organisation; else NOT_FOUND.
  absl::StatusOr<domain::SocialService> LockedUnder(db::Tx& tx,
                                                    const std::string& organization_id,
                                                    const std::string& id);

  db::Pool& pool_;
  storage::SocialServiceRepository& services_;
  storage::OrganizationRepository& orgs_;
  storage::ReferenceRepository& reference_;
};

}  // namespace iris::membership::app
