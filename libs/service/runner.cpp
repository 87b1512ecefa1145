#include "libs/service/runner.hpp"

#include <cstdio>
#include <cstring>
#include <exception>
#include <utility>

#include "libs/db/migrator.hpp"
#include "libs/db/outbox.hpp"
#include "libs/grpc/caller_assertion.hpp"
#include "libs/grpc/process.hpp"
#include "libs/grpc/server.hpp"
#include "libs/log/log.hpp"
#include "libs/relay/relay.hpp"

namespace iris::service {
namespace {

void PrintError(const std::string& service, const std::string& what, const absl::Status& s) {
  std::fprintf(stderr, "%s: %s: %s\n", service.c_str(), what.c_str(),
               std::string(s.message()).c_str());
}

}  // namespace

Args ParseArgs(int argc, char** argv, bool has_demo) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    Args::Mode mode;
    if (arg == "--migrate-only") {
      mode = Args::Mode::kMigrateOnly;
    } else if (arg == "--load-demo" && has_demo) {
      mode = Args::Mode::kLoadDemo;
    } else if (arg == "--help" || arg == "-h") {
      mode = Args::Mode::kHelp;
    } else if (arg == "--print-sql") {
      if (i + 1 == argc) {
        args.error = "--print-sql needs a statement's name";
        return args;
      }
      mode = Args::Mode::kPrintSql;
      args.statement = argv[++i];
    } else {
      args.error = "unknown argument '" + arg + "'";
      return args;
    }
    if (args.mode != Args::Mode::kServe && args.mode != mode) {
      args.error = "give one of --migrate-only, --load-demo, --print-sql, --help";
      return args;
    }
    args.mode = mode;
  }
  return args;
}

std::string Usage(const Definition& def) {
  const std::string& n = def.identity.name;
  std::string usage =
      "usage: iris-" + n +
      (def.demo.empty() ? " [--migrate-only]\n" : " [--migrate-only | --load-demo]\n");
  usage += "  --migrate-only  apply the embedded migrations to schema '" + n + "' and exit\n";
  if (!def.demo.empty()) {
    usage += "  --load-demo     migrate, load the demo data drawn from the seeds, and exit\n";
  }
  usage +=
      "  --print-sql NAME  print the text of the prepared statement NAME (as the service\n"
      "                  prepares it, e.g. organizations_list:-name) and exit\n";
  usage += "Settings come from " + iris::config::ServiceEnvPrefix(n) +
           "* and IRIS_* environment variables (README.md).\n";
  return usage;
}

absl::Status LoadDemo(iris::db::Pool& pool, const std::string& service,
                      std::span<const iris::db::Statement> demo) {
  return pool.Write([&](iris::db::Tx& tx) -> absl::Status {
    int inserted = 0;
    for (const auto& statement : demo) {
      inserted += static_cast<int>(tx.ExecSql(statement.text).affected_rows());
    }
    if (inserted == 0) return absl::OkStatus();  // already loaded: nothing happened
    iris::db::Change change;
    change.type = service + ".demo.loaded";
    change.subject_type = "demo";
    change.subject_id = "seeds";
    change.action = "seed";
    change.payload = {{"inserted", inserted}};
    change.audit = change.payload;
    return iris::db::RecordChange(tx, service, identity::Caller{.subject = "operator"}, change);
  });
}

bool IsServiceName(std::string_view name) {
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  }
  return true;
}

int RunService(int argc, char** argv, const Definition& def,
               const std::function<void(iris::config::Env&)>& load_own, const Composer& compose) {
  const std::string& name = def.identity.name;
  if (!IsServiceName(name)) {
    std::fprintf(stderr, "service name '%s' is not [a-z][a-z_]*\n", name.c_str());
    return 2;
  }
  const Args args = ParseArgs(argc, argv, !def.demo.empty());
  if (!args.error.empty()) {
    std::fprintf(stderr, "iris-%s: %s\n%s", name.c_str(), args.error.c_str(), Usage(def).c_str());
    return 2;
  }
  if (args.mode == Args::Mode::kHelp) {
    std::fputs(Usage(def).c_str(), stdout);
    return 0;
  }
  if (args.mode == Args::Mode::kPrintSql) {
    // What bench/run.sh's own-SQL ceilings run through pgbench: exactly the service's SQL.
    for (const auto& s : def.statements) {
      if (args.statement == s.name) {
        std::printf("%s\n", s.text);
        return 0;
      }
    }
    std::fprintf(stderr, "iris-%s: no prepared statement '%s'\n", name.c_str(),
                 args.statement.c_str());
    return 2;
  }
  iris::grpc::ConfigureProcess();
  iris::grpc::BlockTerminationSignals();
  iris::config::Env env;
  const Settings settings = LoadSettings(env, def.identity);
  load_own(env);
  if (auto s = env.Finish(); !s.ok()) iris::config::ExitWithConfigErrors(s);
  iris::log::Init(name, settings.log_level);
  if (args.mode == Args::Mode::kServe) {
    // Without the gateway's keys every call would be anonymous: refuse to start instead of
    // running in a state that only looks like an outage of every authenticated route.
    auto verifier = iris::grpc::CallerVerifier::FromKeys(settings.caller_verify_keys);
    if (!verifier.ok()) {
      std::fprintf(stderr, "iris-%s: IRIS_CALLER_VERIFY_KEYS: %s\n", name.c_str(),
                   std::string(verifier.status().message()).c_str());
      return 2;
    }
    iris::grpc::InstallCallerVerifier(*std::move(verifier));
  }

  if (args.mode != Args::Mode::kServe || settings.migrate_on_start) {
    if (auto s = iris::db::MigrateService(settings.database.url, name, def.migrations); !s.ok()) {
      PrintError(name, "migrations failed", s);
      return 1;
    }
    if (args.mode == Args::Mode::kMigrateOnly) return 0;
  }

  iris::db::Pool pool(settings.database, def.statements);
  if (args.mode == Args::Mode::kLoadDemo) {
    if (auto s = LoadDemo(pool, name, def.demo); !s.ok()) {
      PrintError(name, "demo data", s);
      return 1;
    }
    return 0;
  }
  iris::metrics::Metrics metrics(name);
  Context ctx{settings, pool, metrics};
  // Declared after the pool and metrics: the parts go first.
  absl::StatusOr<Composed> composed = absl::InternalError("not composed");
  try {
    composed = compose(ctx);
  } catch (const std::exception& e) {
    composed = absl::InternalError(e.what());
  }
  if (!composed.ok()) {
    PrintError(name, "start", composed.status());
    return 1;
  }
  // Every service publishes its outbox (notifications its own too, to itself). Declared after
  // the pool and metrics it uses; stopped (joined) before the drain, and by its destructor on
  // any other way out.
  std::unique_ptr<iris::relay::Relay> relay;
  if (settings.relay.enabled) {
    relay = std::make_unique<iris::relay::Relay>(name, settings.relay, pool, metrics);
  }
  iris::grpc::Companion companion;
  if (relay) {
    companion.start = [&relay] { relay->Start(); };
    companion.stop = [&relay] { relay->Stop(); };
  }
  return iris::grpc::Serve(
      settings.server, composed->services, metrics, [&pool] { return pool.Ping(); }, companion);
}

}  // namespace iris::service
