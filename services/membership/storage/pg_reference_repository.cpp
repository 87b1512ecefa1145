#include "services/membership/storage/pg_reference_repository.hpp"

#include "libs/db/row.hpp"
#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "membership_sql.hpp"

namespace iris::membership::storage {
namespace {

// A row of find_network.sql or list_networks.sql, by the column names both select.
absl::StatusOr<domain::Network> NetworkFromRow(const db::Row& r) {
  const std::string status_word = r["status"].as<std::string>();
  const auto status = domain::ParseNetworkStatus(status_word);
  // The CHECK constraint makes this unreachable unless schema and code disagree.
  if (!status) return absl::InternalError("unknown network status " + status_word);
  domain::Network n;
  n.country = r["country"].as<std::string>();
  n.name = db::LocalizedTextOf(r["name"]);
  n.status = *status;
  n.secretariat = db::OptionalText(r["secretariat"]);
  n.coordinator = db::OptionalText(r["coordinator"]);
  n.version = r["version"].as<int64_t>();
  n.created_at = db::TimeOf(r["created_at_us"]);
  n.updated_at = db::TimeOf(r["updated_at_us"]);
  return n;
}

}  // namespace

absl::StatusOr<std::vector<domain::Country>> PgReferenceRepository::ListCountries(db::Tx& tx) {
  std::vector<domain::Country> out;
  for (const auto& r : tx.Exec(sql::kListCountries)) {
    out.push_back({r["code"].as<std::string>(), db::LocalizedTextOf(r["name"])});
  }
  return out;
}

absl::StatusOr<std::vector<domain::TargetGroup>> PgReferenceRepository::ListTargetGroups(
    db::Tx& tx) {
  std::vector<domain::TargetGroup> out;
  for (const auto& r : tx.Exec(sql::kListTargetGroups)) {
    out.push_back({r["code"].as<std::string>(), db::LocalizedTextOf(r["name"])});
  }
  return out;
}

absl::StatusOr<std::vector<domain::Language>> PgReferenceRepository::ListLanguages(db::Tx& tx) {
  std::vector<domain::Language> out;
  for (const auto& r : tx.Exec(sql::kListLanguages)) {
    out.push_back({r["code"].as<std::string>(), r["name"].as<std::string>(),
                   r["native_name"].as<std::string>()});
  }
  return out;
}

absl::StatusOr<std::vector<domain::Network>> PgReferenceRepository::ListNetworks(db::Tx& tx) {
  std::vector<domain::Network> out;
  for (const auto& r : tx.Exec(sql::kListNetworks)) {
    IRIS_ASSIGN_OR_RETURN(auto n, NetworkFromRow(r));
    out.push_back(std::move(n));
  }
  return out;
}

absl::StatusOr<domain::Network> PgReferenceRepository::FindNetwork(db::Tx& tx,
                                                                   const std::string& country) {
  auto rows = tx.Exec(sql::kFindNetwork, country);
  if (rows.empty()) return absl::NotFoundError("no national network for country " + country);
  return NetworkFromRow(rows[0]);
}

}  // namespace iris::membership::storage
