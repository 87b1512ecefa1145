// What the membership application use cases need from storage.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "services/membership/domain/application.hpp"

namespace iris::membership::storage {

struct ApplicationPosition {
  int64_t created_at_us = 0;
  std::string id;
};

struct ApplicationQuery {
  bool see_all = false;                    // network admins
  std::optional<std::string> own_country;  // coordinators
  std::optional<std::string> status, country;
  std::optional<ApplicationPosition> after;
  int limit = 50;
};

struct ApplicationPage {
  std::vector<domain::MembershipApplication> items;
  std::optional<ApplicationPosition> next;
};

class ApplicationRepository {
 public:
  virtual ~ApplicationRepository() = default;
  // NOT_FOUND when no application has this id (a malformed id included).
  virtual absl::StatusOr<domain::MembershipApplication> FindById(db::Tx& tx,
                                                                 const std::string& id) = 0;
  // As FindById, locking the row until the transaction ends.
  virtual absl::StatusOr<domain::MembershipApplication> FindForUpdate(db::Tx& tx,
                                                                      const std::string& id) = 0;
  virtual absl::StatusOr<domain::MembershipApplication> Insert(
      db::Tx& tx, const domain::MembershipApplication& a) = 0;
  // Moves a submitted application to `status`; FAILED_PRECONDITION "invalid_transition" when
  // it is no longer submitted (someone decided first).
  virtual absl::StatusOr<domain::MembershipApplication> Decide(
      db::Tx& tx, const std::string& id, domain::ApplicationStatus status,
      const std::string& note, const std::string& organization_id) = 0;
  virtual absl::StatusOr<ApplicationPage> List(db::Tx& tx, const ApplicationQuery& q) = 0;
};

}  // namespace iris::membership::storage
