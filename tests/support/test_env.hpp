// Settings that scripts/test.sh hands to every test: real Postgres and Redis it started.
#pragma once

#include <string>

namespace iris::testing {

// The value of an environment variable scripts/test.sh sets; fails the test run loudly when
// missing, so a database test can never pass by not running.
std::string RequireEnv(const char* name);

// Superuser URL of the test database (IRIS_TEST_DATABASE_URL).
std::string AdminDatabaseUrl();
// URL for the membership service role (IRIS_TEST_MEMBERSHIP_DATABASE_URL).
std::string MembershipDatabaseUrl();

// `prefix` plus a random number: names that do not collide with earlier runs or other tests
// sharing the database.
std::string UniqueName(const std::string& prefix);

// A port nobody listens on right now (bind to 0, read it, close).
int FreePort();

}  // namespace iris::testing
