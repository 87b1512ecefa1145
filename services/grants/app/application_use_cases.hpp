// Use cases over grant applications: members draft and submit their organisation's application
// (membership is asked, with a deadline, whether it may apply), staff read and reject, and
// everyone else never learns an application exists.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/outbox.hpp"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "libs/members/directory.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/grants/domain/application.hpp"
#include "services/grants/storage/application_repository.hpp"

namespace iris::grants::app {

struct ApplicationListRequest {
  std::string call_id;
  std::vector<std::string> status, country;  // any of the values
  pagination::PageParams page;
};

class ApplicationUseCases {
 public:
  ApplicationUseCases(db::Pool& pool, storage::ApplicationRepository& applications,
                      members::MembershipDirectory& membership)
      : pool_(pool), applications_(applications), membership_(membership) {}

  // A member, for its own organisation, in an open call before it closes.
  absl::StatusOr<domain::Application> Create(const identity::Caller& caller,
                                             const std::string& call_id,
                                             const domain::ApplicationPatch& fields);
  absl::StatusOr<domain::Application> Get(const identity::Caller& caller, const std::string& id);
  // expected_version 0: no precondition.
  absl::StatusOr<domain::Application> Update(const identity::Caller& caller, const std::string& id,
                                             const domain::ApplicationPatch& fields,
                                             int64_t expected_version);
  absl::StatusOr<pagination::Page<domain::Application>> List(const identity::Caller& caller,
                                                             const ApplicationListRequest& req);
  // draft -> submitted. Membership is asked before any transaction opens; its answer is stored.
  absl::StatusOr<domain::Application> Submit(const identity::Caller& caller, const std::string& id,
                                             int64_t expected_version);
  absl::StatusOr<domain::Application> Withdraw(const identity::Caller& caller,
                                               const std::string& id, const std::string& note,
                                               int64_t expected_version);
  absl::StatusOr<domain::Application> Reject(const identity::Caller& caller, const std::string& id,
                                             const std::string& note, int64_t expected_version);

 private:
  db::Pool& pool_;
  storage::ApplicationRepository& applications_;
  members::MembershipDirectory& membership_;
};

// Shared with the review use cases: whether `caller` sees the application (reviewers: assigned
// to it), read in `tx`.
absl::StatusOr<bool> Visible(db::Tx& tx, storage::ApplicationRepository& applications,
                             const identity::Caller& caller, const domain::Application& a);
// The call's facts as `caller` may know them: a draft call exists for network admins only.
absl::StatusOr<domain::CallFacts> VisibleCall(db::Tx& tx,
                                              storage::ApplicationRepository& applications,
                                              const identity::Caller& caller,
                                              const std::string& call_id, bool for_share = false);
// The thin outbox payload of an application's change.
db::Change ApplicationChange(const domain::Application& a, std::string type, std::string action,
                             nlohmann::json audit);
absl::Status ApplicationNotFound();

}  // namespace iris::grants::app
