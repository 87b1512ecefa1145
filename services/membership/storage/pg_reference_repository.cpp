#include "services/membership/storage/pg_reference_repository.hpp"

#include <nlohmann/json.hpp>

#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "membership_sql.hpp"

namespace iris::membership::storage {
namespace {

domain::LocalizedText ParseText(const pqxx::field& f) {
  domain::LocalizedText out;
  // Keep the document alive for the loop: items() of a temporary dangles.
  const auto doc = nlohmann::json::parse(f.c_str());
  for (const auto& [k, v] : doc.items()) {
    if (v.is_string()) out[k] = v.get<std::string>();
  }
  return out;
}

std::optional<std::string> OptionalText(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

absl::StatusOr<domain::Network> ToNetwork(const pqxx::row& r) {
  domain::Network n;
  n.country = r[0].as<std::string>();
  n.name = ParseText(r[1]);
  auto status = domain::ParseNetworkStatus(r[2].as<std::string>());
  // The CHECK constraint makes this unreachable unless schema and code disagree.
  if (!status) return absl::InternalError("unknown network status " + r[2].as<std::string>());
  n.status = *status;
  n.secretariat = OptionalText(r[3]);
  n.coordinator = OptionalText(r[4]);
  n.version = r[5].as<int64_t>();
  n.created_at = db::TimeOf(r[6]);
  n.updated_at = db::TimeOf(r[7]);
  return n;
}

}  // namespace

absl::StatusOr<std::vector<domain::Country>> PgReferenceRepository::ListCountries(db::Tx& tx) {
  std::vector<domain::Country> out;
  for (const auto& r : tx.Exec(sql::kListCountries)) {
    out.push_back({r[0].as<std::string>(), ParseText(r[1])});
  }
  return out;
}

absl::StatusOr<std::vector<domain::TargetGroup>> PgReferenceRepository::ListTargetGroups(
    db::Tx& tx) {
  std::vector<domain::TargetGroup> out;
  for (const auto& r : tx.Exec(sql::kListTargetGroups)) {
    out.push_back({r[0].as<std::string>(), ParseText(r[1])});
  }
  return out;
}

absl::StatusOr<std::vector<domain::Language>> PgReferenceRepository::ListLanguages(db::Tx& tx) {
  std::vector<domain::Language> out;
  for (const auto& r : tx.Exec(sql::kListLanguages)) {
    out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>()});
  }
  return out;
}

absl::StatusOr<std::vector<domain::Network>> PgReferenceRepository::ListNetworks(db::Tx& tx) {
  std::vector<domain::Network> out;
  for (const auto& r : tx.Exec(sql::kListNetworks)) {
    IRIS_ASSIGN_OR_RETURN(auto n, ToNetwork(r));
    out.push_back(std::move(n));
  }
  return out;
}

absl::StatusOr<domain::Network> PgReferenceRepository::FindNetwork(db::Tx& tx,
                                                                   const std::string& country) {
  auto rows = tx.Exec(sql::kFindNetwork, country);
  if (rows.empty()) return absl::NotFoundError("no national network for country " + country);
  return ToNetwork(rows[0]);
}

}  // namespace iris::membership::storage
