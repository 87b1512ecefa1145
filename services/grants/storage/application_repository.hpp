// What the grant application use cases need from storage: applications, the facts of their
// call (read with this area's own statements) and whether a reviewer is assigned.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/grants/domain/application.hpp"

namespace iris::grants::storage {

// A call's applications as one caller sees them: every row (see_all), or those of its country,
// its organisation, or assigned to it as a reviewer; then the filters.
struct ApplicationQuery {
  std::string call_id;
  bool see_all = false;                        // network admins
  std::optional<std::string> own_country;      // coordinators
  std::optional<std::string> organization_id;  // members
  std::optional<std::string> reviewer_id;      // reviewers
  std::vector<std::string> status, country;    // any of the values; empty: all
  pagination::KeysetRequest page;
};

// The orders of a call's applications; the first is the default.
inline const std::array<pagination::SortField<domain::Application>, 1> kApplicationSorts{{
    {"created_at", pagination::KeyKind::kInstant, "applications.created_at",
     [](const domain::Application& a) { return pagination::InstantKey(a.created_at); }},
}};

class ApplicationRepository {
 public:
  virtual ~ApplicationRepository() = default;

  // The call's facts; NOT_FOUND when no call has this id (a malformed id included).
  virtual absl::StatusOr<domain::CallFacts> FindCall(db::Tx& tx, const std::string& call_id) = 0;
  // As FindCall, holding a share lock on the call's row until the transaction ends, so the call
  // cannot close (or change its window) under a submission.
  virtual absl::StatusOr<domain::CallFacts> FindCallForShare(db::Tx& tx,
                                                             const std::string& call_id) = 0;

  // NOT_FOUND when no application has this id (a malformed id included).
  virtual absl::StatusOr<domain::Application> FindById(db::Tx& tx, const std::string& id) = 0;
  // As FindById, locking the row until the transaction ends.
  virtual absl::StatusOr<domain::Application> FindForUpdate(db::Tx& tx, const std::string& id) = 0;
  // Whether `reviewer_id` is assigned to review the application.
  virtual absl::StatusOr<bool> IsAssigned(db::Tx& tx, const std::string& application_id,
                                          const std::string& reviewer_id) = 0;

  // A new draft; the UNIQUE (call_id, organization_id) violation comes back as the pool's
  // ALREADY_EXISTS status.
  virtual absl::StatusOr<domain::Application> Insert(db::Tx& tx, const domain::Application& a) = 0;
  // The writable fields of a draft; FAILED_PRECONDITION "invalid_transition" when it is no
  // longer a draft.
  virtual absl::StatusOr<domain::Application> Update(db::Tx& tx, const domain::Application& a) = 0;
  // draft -> submitted with what membership said of the organisation.
  virtual absl::StatusOr<domain::Application> Submit(db::Tx& tx, const std::string& id,
                                                     const std::string& organization_name,
                                                     const std::string& country) = 0;
  // Moves the (locked) application to `status` with its note.
  virtual absl::StatusOr<domain::Application> SetStatus(db::Tx& tx, const std::string& id,
                                                        domain::ApplicationStatus status,
                                                        const std::string& note) = 0;

  // Up to pagination::RowsToFetch(q.page.limit) rows after the page's position.
  virtual absl::StatusOr<pagination::Rows<domain::Application>> List(db::Tx& tx,
                                                                     const ApplicationQuery& q) = 0;
  // The call's submitted, under_review, awarded and rejected applications, highest score first,
  // unscored last, then by submission.
  virtual absl::StatusOr<std::vector<domain::Application>> Ranking(db::Tx& tx,
                                                                   const std::string& call_id) = 0;
};

}  // namespace iris::grants::storage
