#include "libs/db/testing/scratch_schema.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <random>

#include <pqxx/connection>
#include <pqxx/nontransaction>

#include "libs/db/conninfo.hpp"

namespace iris::db::testing {

const std::string& SuperuserUrl() {
  static const std::string url = [] {
    const char* v = std::getenv("IRIS_TEST_DATABASE_URL");
    if (v == nullptr || *v == '\0') {
      std::fprintf(stderr,
                   "IRIS_TEST_DATABASE_URL is not set: db tests need a Postgres superuser URL "
                   "(scripts/test.sh sets it)\n");
      std::abort();
    }
    return std::string(v);
  }();
  return url;
}

pqxx::result ExecAsSuperuser(const std::string& sql) {
  pqxx::connection conn(SuperuserUrl());
  pqxx::nontransaction tx(conn);
  return tx.exec(sql);
}

std::string UniqueName(const std::string& prefix) {
  static std::atomic<int> counter{0};
  static thread_local std::mt19937 rng{std::random_device{}()};
  return prefix + "_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(rng() % 100000);
}

namespace {

// Granting CONNECT (and DROP OWNED revoking it) rewrites the database's one pg_database row;
// two test processes doing it at once fail with "tuple concurrently updated" (seen in CI).
// A multi-statement simple query is one implicit transaction, so this lock is held until the
// catalog change commits and scratch schemas in parallel tests take turns.
constexpr const char* kSerializeCatalogChanges = "SELECT pg_advisory_xact_lock(7262353);";

}  // namespace

ScratchSchema::ScratchSchema(const std::string& prefix)
    : name_(UniqueName(prefix)), password_(UniqueName("pw")) {
  // Provisioning revokes CONNECT from PUBLIC, as it does for the service roles: grant it.
  ExecAsSuperuser(std::string(kSerializeCatalogChanges) + "CREATE ROLE " + name_ +
                  " LOGIN PASSWORD '" + password_ + "';" + "CREATE SCHEMA " + name_ +
                  " AUTHORIZATION " + name_ + ";" +
                  "DO $$BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO " + name_ +
                  "', current_database()); END$$");
}

ScratchSchema::~ScratchSchema() {
  try {
    ExecAsSuperuser(std::string(kSerializeCatalogChanges) + "DROP SCHEMA IF EXISTS " + name_ +
                    " CASCADE; DROP OWNED BY " + name_ + "; DROP ROLE IF EXISTS " + name_);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dropping scratch schema %s failed: %s\n", name_.c_str(), e.what());
  }
}

std::string ScratchSchema::OwnerUrl() const {
  return internal::WithParams(SuperuserUrl(), {{"user", name_}, {"password", password_}});
}

}  // namespace iris::db::testing
