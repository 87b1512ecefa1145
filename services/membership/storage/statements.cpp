#include "services/membership/storage/statements.hpp"

#include "libs/db/sorted_statements.hpp"
#include "membership_sql.hpp"
#include "services/membership/storage/account_repository.hpp"
#include "services/membership/storage/application_repository.hpp"
#include "services/membership/storage/organization_repository.hpp"
#include "services/membership/storage/person_repository.hpp"
#include "services/membership/storage/social_service_repository.hpp"

namespace iris::membership::storage {

std::span<const db::Statement> Statements() {
  static const db::StatementSet set(
      sql::kAll,
      {
          {&sql::kOrganizationsList, db::SortKeysOf(kOrganizationSorts)},
          {&sql::kOrganizationsSearch, db::SortKeysOf(kOrganizationSorts)},
          {&sql::kSocialServicesList, db::SortKeysOf(kSocialServiceSorts)},
          {&sql::kPeopleList, db::SortKeysOf(kPersonSorts)},
          {&sql::kApplicationsList, db::SortKeysOf(kApplicationSorts)},
          {&sql::kUsersList, db::SortKeysOf(kUserSorts)},
      },
      "membership");
  return set.all();
}

}  // namespace iris::membership::storage
