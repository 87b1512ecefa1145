// Postgres connection pool: Read/Write transactions with libpqxx errors mapped to absl::Status.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <pqxx/connection>
#include <pqxx/result>
#include <pqxx/transaction_base>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "libs/db/statement.hpp"

namespace iris::db {

struct PoolConfig {
  std::string url;  // libpq URI or key=value string
  int size = 8;
  std::chrono::milliseconds acquire_timeout{2000};
  std::chrono::milliseconds statement_timeout{5000};
  std::chrono::milliseconds connect_timeout{2000};  // libpq counts whole seconds, rounded up
  // Shown in pg_stat_activity; lets operators (and tests) find this pool's backends.
  std::string application_name = "iris";
};

// One transaction. Only valid inside the function given to Pool::Read / Pool::Write.
class Tx {
 public:
  explicit Tx(pqxx::transaction_base& tx) : tx_(tx) {}

  // Runs the statement prepared under s.name with $1..$n bound to args.
  template <typename... Args>
  pqxx::result Exec(const Statement& s, Args&&... args) {
    return tx_.exec_prepared(s.name, std::forward<Args>(args)...);
  }

  // Unprepared SQL for migrations and tests; services use Exec.
  pqxx::result ExecSql(const std::string& sql) { return tx_.exec(sql); }

  pqxx::transaction_base& raw() { return tx_; }

  // RecordChange notes that this transaction wrote an outbox row; once it commits, the pool
  // tells its outbox observer (Pool::SetOutboxObserver), so the relay publishes it at once.
  void NoteOutboxWrite() { outbox_written_ = true; }
  bool outbox_written() const { return outbox_written_; }

 private:
  pqxx::transaction_base& tx_;
  bool outbox_written_ = false;
};

namespace internal {
template <typename T>
struct IsStatusOr : std::false_type {};
template <typename T>
struct IsStatusOr<absl::StatusOr<T>> : std::true_type {};
}  // namespace internal

class Pool {
 public:
  // Connects lazily, so a service can start (and report not-ready) while Postgres is down.
  Pool(PoolConfig cfg, std::span<const Statement> statements);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // f(Tx&) returns absl::Status or absl::StatusOr<T>, and Read returns the same type. Read runs
  // f without BEGIN/COMMIT in a session where Postgres refuses writes
  // (default_transaction_read_only): one round trip per statement. Each statement sees its own
  // snapshot, as every statement of a READ COMMITTED transaction would; statements that must
  // share one snapshot belong in a single statement (or in Write).
  template <typename F>
  auto Read(F&& f) {
    return Run(Mode::kRead, std::forward<F>(f));
  }

  // One READ WRITE transaction (BEGIN and SET TRANSACTION READ WRITE in one round trip, f, COMMIT):
  // commits when f returns OK, rolls back otherwise. A serialization failure or deadlock reruns the
  // whole of f (up to kMaxConflictRetries more times), then gives ABORTED.
  template <typename F>
  auto Write(F&& f) {
    return Run(Mode::kWrite, std::forward<F>(f));
  }

  // As Write, but f runs at most once: a serialization failure or deadlock gives ABORTED at
  // once. For a function that consumes what cannot be replayed (a file streaming in from a
  // client): it should take its locks late and in a fixed order so conflicts stay rare.
  template <typename F>
  auto WriteOnce(F&& f) {
    return Run(Mode::kWriteOnce, std::forward<F>(f));
  }

  // SELECT 1 through the pool: the readiness probe.
  absl::Status Ping();

  // Called after every commit of a Write that recorded a change (Tx::NoteOutboxWrite), on the
  // committing thread; it must be quick (the relay only wakes its thread). Nullptr removes it;
  // once that returns, no call of the old one is running or will start.
  void SetOutboxObserver(std::function<void()> observer);

  static constexpr int kMaxConflictRetries = 3;

 private:
  enum class Mode { kRead, kWrite, kWriteOnce };
  enum class Retry { kNo, kConflict, kFreshConnection };
  struct Attempt {
    absl::Status status;
    Retry retry = Retry::kNo;
    bool connection_ok = true;
    bool outbox_written = false;  // committed a transaction that wrote the outbox
  };
  using Connection = std::unique_ptr<pqxx::connection>;

  template <typename F>
  auto Run(Mode mode, F&& f) {
    using R = std::invoke_result_t<F&, Tx&>;
    if constexpr (std::is_same_v<R, absl::Status>) {
      return RunTx(mode, [&](Tx& tx) -> absl::Status { return f(tx); });
    } else {
      static_assert(internal::IsStatusOr<R>::value,
                    "the function must return absl::Status or absl::StatusOr<T>");
      // Kept outside the transaction so a retried attempt simply replaces it.
      std::optional<typename R::value_type> value;
      absl::Status status = RunTx(mode, [&](Tx& tx) -> absl::Status {
        R r = f(tx);
        if (!r.ok()) return r.status();
        value.emplace(*std::move(r));
        return absl::OkStatus();
      });
      if (!status.ok()) return R(std::move(status));
      return R(std::move(*value));
    }
  }

  absl::Status RunTx(Mode mode, absl::FunctionRef<absl::Status(Tx&)> body);
  Attempt TryOnce(pqxx::connection& conn, Mode mode, absl::FunctionRef<absl::Status(Tx&)> body);
  absl::StatusOr<Connection> Acquire(bool fresh);
  void Release(Connection conn, bool healthy);
  Connection Connect() const;

  const PoolConfig cfg_;
  const std::string conninfo_;
  const std::vector<Statement> statements_;

  std::mutex mu_;
  std::condition_variable released_;
  std::vector<Connection> idle_;  // guarded by mu_
  int open_ = 0;                  // idle + leased; guarded by mu_

  std::mutex observer_mu_;
  std::function<void()> outbox_observer_;  // guarded by observer_mu_
};

}  // namespace iris::db
