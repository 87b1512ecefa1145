#include "services/membership/storage/reference_cache.hpp"

#include "libs/status/status.hpp"

namespace iris::membership::storage {

absl::StatusOr<const KnownCodes*> ReferenceCache::Get(db::Tx& tx) {
  if (const KnownCodes* codes = loaded_.load(std::memory_order_acquire)) return codes;
  std::lock_guard<std::mutex> lock(load_mu_);
  // Another call may have loaded them while this one waited for the lock.
  if (codes_) return codes_.get();
  auto codes = std::make_unique<KnownCodes>();
  IRIS_ASSIGN_OR_RETURN(auto countries, reference_.ListCountries(tx));
  for (const auto& c : countries) codes->organization_codes.countries.insert(c.code);
  IRIS_ASSIGN_OR_RETURN(auto groups, reference_.ListTargetGroups(tx));
  for (const auto& g : groups) codes->organization_codes.target_groups.insert(g.code);
  IRIS_ASSIGN_OR_RETURN(auto languages, reference_.ListLanguages(tx));
  for (const auto& l : languages) codes->language_codes.insert(l.code);
  codes->organization_codes.languages = codes->language_codes;
  codes_ = std::move(codes);
  loaded_.store(codes_.get(), std::memory_order_release);
  return codes_.get();
}

}  // namespace iris::membership::storage
