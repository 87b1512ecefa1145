// Throwaway schemas and roles in the test Postgres named by IRIS_TEST_DATABASE_URL.
#pragma once

#include <string>

#include <pqxx/result>

namespace iris::db::testing {

// The superuser URL from IRIS_TEST_DATABASE_URL. Aborts the test binary with a clear message
// when it is unset: a db test that silently passes without a database proves nothing.
const std::string& SuperuserUrl();

// Runs `sql` (several statements allowed) as the superuser, outside any transaction, and
// returns the last statement's rows.
pqxx::result ExecAsSuperuser(const std::string& sql);

// A lowercase identifier unique across processes and calls: <prefix>_<pid>_<n>_<random>.
std::string UniqueName(const std::string& prefix);

// A schema and a LOGIN role of the same unique name owning it, as the provisioning script
// sets up for a service. Both are dropped on destruction.
class ScratchSchema {
 public:
  explicit ScratchSchema(const std::string& prefix);
  ~ScratchSchema();
  ScratchSchema(const ScratchSchema&) = delete;
  ScratchSchema& operator=(const ScratchSchema&) = delete;

  const std::string& name() const { return name_; }  // schema and role
  std::string OwnerUrl() const;                      // connects as the owning role

 private:
  std::string name_;
  std::string password_;
};

}  // namespace iris::db::testing
