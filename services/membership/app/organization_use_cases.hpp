// Use cases over organisations: authorise, apply the rules, store, record outbox and audit.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/membership/domain/organization.hpp"
#include "services/membership/storage/organization_repository.hpp"
#include "services/membership/storage/reference_cache.hpp"

namespace iris::membership::app {

struct OrganizationListRequest {
  std::vector<std::string> country, status, kind, target_group;  // any of the values
  std::string q;
  pagination::PageParams page;
};

class OrganizationUseCases {
 public:
  OrganizationUseCases(db::Pool& pool, storage::OrganizationRepository& orgs,
                       storage::ReferenceCache& reference_codes)
      : pool_(pool), orgs_(orgs), reference_codes_(reference_codes) {}

  absl::StatusOr<domain::Organization> Create(const identity::Caller& caller,
                                              domain::OrganizationPatch fields);
  absl::StatusOr<domain::Organization> Get(const identity::Caller& caller, const std::string& id);
  // expected_version 0: no precondition.
  absl::StatusOr<domain::Organization> Update(const identity::Caller& caller, const std::string& id,
                                              const domain::OrganizationPatch& fields,
                                              int64_t expected_version);
  absl::StatusOr<pagination::Page<domain::Organization>> List(const identity::Caller& caller,
                                                              const OrganizationListRequest& req);
  // Moves the organisation through its lifecycle by `verb` (suspend, reinstate, ...); `note`
  // says why and is required for some verbs.
  absl::StatusOr<domain::Organization> ChangeStatus(const identity::Caller& caller,
                                                    const std::string& id, domain::Verb verb,
                                                    const std::string& note,
                                                    int64_t expected_version);

 private:
  db::Pool& pool_;
  storage::OrganizationRepository& orgs_;
  storage::ReferenceCache& reference_codes_;
};

}  // namespace iris::membership::app
