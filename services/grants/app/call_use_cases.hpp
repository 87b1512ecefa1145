// Use cases over grant calls: network admins create, change and move them through their
// lifecycle; everyone reads the ones that are not drafts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/grants/domain/call.hpp"
#include "services/grants/storage/call_repository.hpp"

namespace iris::grants::app {

struct CallListRequest {
  std::vector<std::string> status, country;  // any of the values
  pagination::PageParams page;
};

class CallUseCases {
 public:
  CallUseCases(db::Pool& pool, storage::CallRepository& calls) : pool_(pool), calls_(calls) {}

  // Network admins; the call starts as a draft.
  absl::StatusOr<domain::GrantCall> Create(const identity::Caller& caller,
                                           const domain::CallPatch& fields);
  // Drafts: network admins only (NOT_FOUND to everyone else); other calls: anyone.
  absl::StatusOr<domain::GrantCall> Get(const identity::Caller& caller, const std::string& id);
  // expected_version 0: no precondition. Budget, max_award, countries, allocations and
  // criteria only while draft (422 on the field); nothing once archived (409).
  absl::StatusOr<domain::GrantCall> Update(const identity::Caller& caller, const std::string& id,
                                           const domain::CallPatch& fields,
                                           int64_t expected_version);
  absl::StatusOr<pagination::Page<domain::GrantCall>> List(const identity::Caller& caller,
                                                           const CallListRequest& req);
  // draft -> open; open -> closed (submitted applications go under review in the same
  // transaction); closed -> awarded (none still under review); awarded -> archived.
  absl::StatusOr<domain::GrantCall> Act(const identity::Caller& caller, const std::string& id,
                                        domain::CallVerb verb, const std::string& note,
                                        int64_t expected_version);

 private:
  db::Pool& pool_;
  storage::CallRepository& calls_;
};

}  // namespace iris::grants::app
