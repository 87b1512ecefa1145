#include "libs/db/migrator.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <exception>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include <pqxx/connection>
#include <pqxx/except>
#include <pqxx/result>
#include <pqxx/transaction>
#include <spdlog/spdlog.h>

#include "absl/status/statusor.h"
#include "kit_migrations.hpp"
#include "libs/db/conninfo.hpp"
#include "libs/db/errors.hpp"
#include "libs/values/sha256.hpp"

namespace iris::db {
namespace {

struct Migration {
  int version;
  std::string name;
  const char* text;
  std::string checksum;
};

// V<3+ digits>__<name>; the version orders them, so "V10__x" (two digits) is refused rather
// than silently sorted wrongly by a file listing.
std::optional<int> VersionOf(const std::string& name) {
  if (name.size() < 2 || name[0] != 'V') return std::nullopt;
  size_t i = 1;
  while (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i]))) ++i;
  size_t digits = i - 1;
  if (digits < 3 || digits > 9 || name.compare(i, 2, "__") != 0) return std::nullopt;
  std::string rest = name.substr(i + 2);
  if (rest.empty()) return std::nullopt;
  for (unsigned char c : rest) {
    if (!std::isalnum(c) && c != '_') return std::nullopt;
  }
  return std::stoi(name.substr(1, digits));
}

absl::StatusOr<std::vector<Migration>> Parse(std::span<const Statement> statements) {
  std::vector<Migration> out;
  for (const Statement& s : statements) {
    auto version = VersionOf(s.name);
    if (!version) {
      return absl::InvalidArgumentError(std::string("migration name \"") + s.name +
                                        "\" does not match V<3+ digits>__<name>");
    }
    out.push_back({*version, s.name, s.text, values::Sha256Hex(s.text)});
  }
  std::sort(out.begin(), out.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (size_t i = 1; i < out.size(); ++i) {
    if (out[i].version == out[i - 1].version) {
      return absl::InvalidArgumentError("migrations " + out[i - 1].name + " and " + out[i].name +
                                        " share a version");
    }
  }
  return out;
}

bool IsConnectionState(const std::string& state) {
  return state.starts_with("08") || state.starts_with("57P");
}

// Where a set of migrations is recorded and how its SQL names tables.
struct Track {
  const char* table;  // "schema_migrations" (the service's own) or "kit_migrations"
  bool unqualified;   // the SQL names tables without a schema: search_path is set to it
};
constexpr Track kOwn{"schema_migrations", false};
constexpr Track kKit{"kit_migrations", true};

// Everything happens in one transaction holding the schema's advisory lock: a second replica
// waits, then finds the versions the first one recorded.
absl::Status ApplyAll(pqxx::connection& conn, const std::string& schema,
                      const std::vector<Migration>& migrations, const Track& track) {
  pqxx::work tx(conn);
  tx.exec_params("SELECT pg_advisory_xact_lock(hashtext('iris.migrate.' || $1))", schema);
  if (track.unqualified) tx.exec("SET LOCAL search_path TO " + tx.quote_name(schema));
  const std::string table = tx.quote_name(schema) + "." + track.table;
  tx.exec("CREATE TABLE IF NOT EXISTS " + table +
          " (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,"
          " applied_at timestamptz NOT NULL DEFAULT now())");

  std::map<int, std::pair<std::string, std::string>> landed;  // version -> name, checksum
  for (const auto& row : tx.exec("SELECT version, name, checksum FROM " + table)) {
    landed[row[0].as<int>()] = {row[1].as<std::string>(), row[2].as<std::string>()};
  }
  for (const Migration& m : migrations) {
    auto it = landed.find(m.version);
    if (it == landed.end()) continue;
    if (it->second.first != m.name) {
      return absl::FailedPreconditionError("migration " + m.name + " reuses the version of " +
                                           it->second.first + ", already applied in schema " +
                                           schema);
    }
    if (it->second.second != m.checksum) {
      return absl::FailedPreconditionError("migration " + m.name +
                                           " changed after it was applied in schema " + schema +
                                           "; landed migrations are immutable, add a new one");
    }
  }
  const int newest = migrations.empty() ? 0 : migrations.back().version;
  std::set<int> known;
  for (const Migration& m : migrations) known.insert(m.version);
  for (const auto& [version, entry] : landed) {
    if (known.contains(version)) continue;
    if (version < newest) {
      // Retired: its work now comes from elsewhere (membership's V002__outbox_and_audit became
      // the kit's V001); the record stays as history.
      spdlog::info("migrate {}: applied migration {} is retired in this binary", schema,
                   entry.first);
    } else {
      // A newer binary already migrated further (rolling deploy): not ours to judge.
      spdlog::warn("migrate {}: applied migration {} is unknown to this binary", schema,
                   entry.first);
    }
  }

  int applied = 0;
  for (const Migration& m : migrations) {
    if (landed.contains(m.version)) continue;
    try {
      tx.exec(m.text);  // simple query protocol: a file may hold several statements
    } catch (const pqxx::sql_error& e) {
      if (IsConnectionState(e.sqlstate())) throw;
      return absl::InternalError("migration " + m.name + " failed in schema " + schema + ": " +
                                 e.what());
    }
    tx.exec_params("INSERT INTO " + table + " (version, name, checksum) VALUES ($1, $2, $3)",
                   m.version, m.name, m.checksum);
    ++applied;
  }
  tx.commit();
  spdlog::info("migrate {} ({}): {} applied, {} already present", schema, track.table, applied,
               migrations.size() - static_cast<size_t>(applied));
  return absl::OkStatus();
}

absl::Status MigrateTracks(const std::string& url, const std::string& schema,
                           std::span<const Statement> own, bool with_kit) {
  if (schema.empty()) return absl::InvalidArgumentError("migration schema is empty");
  auto parsed = Parse(own);
  if (!parsed.ok()) return parsed.status();
  auto kit = Parse(kit::kAll);
  if (!kit.ok()) return kit.status();
  try {
    // No statement_timeout: DDL on a big table may rightly take long at startup.
    pqxx::connection conn(internal::WithParams(
        url, {{"application_name", "iris-migrate"}, {"connect_timeout", "5"}}));
    if (with_kit) {
      if (auto s = ApplyAll(conn, schema, *kit, kKit); !s.ok()) return s;
    }
    return ApplyAll(conn, schema, *parsed, kOwn);
  } catch (...) {
    return internal::MapException(std::current_exception()).status;
  }
}

}  // namespace

absl::Status Migrate(const std::string& url, const std::string& schema,
                     std::span<const Statement> migrations) {
  return MigrateTracks(url, schema, migrations, /*with_kit=*/false);
}

absl::Status MigrateService(const std::string& url, const std::string& schema,
                            std::span<const Statement> migrations) {
  return MigrateTracks(url, schema, migrations, /*with_kit=*/true);
}

}  // namespace iris::db
