// Use cases over organisations: authorise, apply the rules, store, record outbox and audit.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "libs/db/outbox.hpp"
#include "libs/db/pool.hpp"
#include "services/membership/domain/organization.hpp"
#include "services/membership/storage/organization_repository.hpp"
#include "services/membership/storage/reference_repository.hpp"

namespace iris::membership::app {

// Who asks: the principal for the rules, the actor for the audit log.
struct Requester {
  domain::Principal principal;
  db::Actor actor;
};

struct OrganizationListRequest {
  std::string country, status, kind, target_group, q;
  int limit = 0;        // 0: the default (50); at most 200
  std::string cursor;   // the position JSON of a previous page's next_cursor; empty: first page
};

struct OrganizationList {
  std::vector<domain::Organization> items;
  std::string next_cursor;  // position JSON; empty on the last page
};

class OrganizationUseCases {
 public:
  OrganizationUseCases(db::Pool& pool, storage::OrganizationRepository& orgs,
                       storage::ReferenceRepository& reference)
      : pool_(pool), orgs_(orgs), reference_(reference) {}

  absl::StatusOr<domain::Organization> Create(const Requester& who,
                                              domain::OrganizationPatch fields);
  absl::StatusOr<domain::Organization> Get(const Requester& who, const std::string& id);
  // expected_version 0: no precondition.
  absl::StatusOr<domain::Organization> Update(const Requester& who, const std::string& id,
                                              const domain::OrganizationPatch& fields,
                                              int64_t expected_version);
  absl::StatusOr<OrganizationList> List(const Requester& who, const OrganizationListRequest& req);
  absl::StatusOr<domain::Organization> Act(const Requester& who, const std::string& id,
                                           domain::Verb verb, const std::string& note,
                                           int64_t expected_version);

 private:
  absl::StatusOr<domain::ReferenceCodes> Codes(db::Tx& tx);

  db::Pool& pool_;
  storage::OrganizationRepository& orgs_;
  storage::ReferenceRepository& reference_;
};

}  // namespace iris::membership::app
