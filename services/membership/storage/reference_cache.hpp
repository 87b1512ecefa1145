// The reference codes writes are checked against, read from Postgres once per process.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "services/membership/domain/organization.hpp"
#include "services/membership/storage/reference_repository.hpp"

namespace iris::membership::storage {

// The codes of the reference tables, in the shapes the domain's checks take them.
struct KnownCodes {
  domain::ReferenceCodes organization_codes;  // countries, target groups, languages
  std::set<std::string> language_codes;
};

// Countries, target groups and languages change only with a migration, so rereading them on
// every write bought nothing but a round trip each. A migration that changes them ships with a
// new release, whose processes start with an empty cache. Thread-safe: gRPC calls share one.
class ReferenceCache {
 public:
  explicit ReferenceCache(ReferenceRepository& reference) : reference_(reference) {}
  ReferenceCache(const ReferenceCache&) = delete;
  ReferenceCache& operator=(const ReferenceCache&) = delete;

  // The codes, read through `tx` by the first call and from memory after it. A failed read is
  // returned and not kept: the next call reads again. The pointer lives as long as the cache.
  absl::StatusOr<const KnownCodes*> Get(db::Tx& tx);

 private:
  ReferenceRepository& reference_;
  // Calls that find the codes loaded take no lock; only the first ones serialise, so the
  // tables are read once even when many calls start together.
  std::atomic<const KnownCodes*> loaded_{nullptr};
  std::mutex load_mu_;
  std::unique_ptr<const KnownCodes> codes_;  // written once, under load_mu_
};

}  // namespace iris::membership::storage
