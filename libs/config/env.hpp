// Typed settings from IRIS_* environment variables, collecting every bad value before failing.
#pragma once

#include <chrono>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "libs/status/status.hpp"

namespace iris::config {

// Reads variables and records every problem instead of stopping at the first, so an operator
// fixes a broken deployment in one round. Getters return the default when a value is bad;
// Finish() says whether anything was. An empty variable counts as unset (compose files and
// Kubernetes manifests often carry `IRIS_X=`).
class Env {
 public:
  using Lookup = std::function<std::optional<std::string>(const std::string&)>;

  Env();                        // reads the process environment
  explicit Env(Lookup lookup);  // for tests

  std::string String(const std::string& name, std::string def);
  // Missing -> "is required" recorded, returns "".
  std::string Required(const std::string& name);
  // Not a number or outside [min, max] -> error recorded, returns def.
  int Int(const std::string& name, int def, int min, int max);
  // 0..65535; 0 asks the OS for a free port.
  int Port(const std::string& name, int def);
  // 1/0, true/false, yes/no, on/off (any case).
  bool Bool(const std::string& name, bool def);
  // One of `choices` (any case; the choice is returned as listed); anything else is recorded
  // with the list and `def` returned.
  std::string OneOf(const std::string& name, std::string def,
                    const std::vector<std::string>& choices);
  // A plain integer is milliseconds; "250ms", "30s", "5m" and "1h" are accepted too.
  std::chrono::milliseconds Millis(const std::string& name, std::chrono::milliseconds def,
                                   std::chrono::milliseconds min, std::chrono::milliseconds max);

  // OK, or INVALID_ARGUMENT (reason "validation") whose message lists every bad variable
  // ("IRIS_HTTP_PORT: 'abc' is not a number; IRIS_X: ...") and whose field errors name them.
  absl::Status Finish() const;

 private:
  // The value if set and non-empty.
  std::optional<std::string> Get(const std::string& name) const;
  void Fail(const std::string& name, std::string message);

  Lookup lookup_;
  std::vector<status::FieldError> errors_;
};

// The prefix of a service's own variables: "IRIS_MEMBERSHIP_" for "membership" (upper case, a
// dash becomes an underscore). The service reads IRIS_<NAME>_GRPC_PORT etc.; the gateway
// reaches it at IRIS_<NAME>_ADDR.
std::string ServiceEnvPrefix(std::string_view service);

// Prints one line per bad variable to stderr and exits with status 2.
[[noreturn]] void ExitWithConfigErrors(const absl::Status& status);

// Loads a settings struct that has `static T Load(Env&)`; on any bad variable prints them all
// and exits(2): a service must not start half-configured.
template <typename T>
T LoadOrExit() {
  Env env;
  T settings = T::Load(env);
  if (auto s = env.Finish(); !s.ok()) ExitWithConfigErrors(s);
  return settings;
}

}  // namespace iris::config
