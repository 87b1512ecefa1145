#include "libs/db/pool.hpp"

#include <exception>

#include <pqxx/nontransaction>
#include <pqxx/transaction>
#include <spdlog/spdlog.h>

#include "libs/db/conninfo.hpp"
#include "libs/db/errors.hpp"

namespace iris::db {
namespace {

std::string Conninfo(const PoolConfig& cfg) {
  // libpq takes whole seconds; round up so a sub-second setting doesn't mean "forever" (0).
  auto connect_s = (cfg.connect_timeout.count() + 999) / 1000;
  if (connect_s < 1) connect_s = 1;
  return internal::WithParams(
      cfg.url,
      {{"application_name", cfg.application_name},
       {"connect_timeout", std::to_string(connect_s)},
       // Every session is read-only by default: Postgres refuses a write in Read, which runs
       // without BEGIN; Write opts its transaction in (ReadWriteWork).
       {"options", "-c statement_timeout=" + std::to_string(cfg.statement_timeout.count()) +
                       " -c default_transaction_read_only=on"}});
}

// Runs body and commits on OK; any other outcome leaves the rollback to tx's destructor.
// pqxx::work whose one opening round trip also makes it READ WRITE (sessions are read-only by
// default, see Conninfo). libpqxx 6.4 opens a transaction of an isolation level other than
// READ COMMITTED with one simple query, "BEGIN; SET TRANSACTION ISOLATION LEVEL <level>"
// (dbtransaction.cxx, generate_set_transaction); the level "READ COMMITTED READ WRITE" (a
// transaction_mode list Postgres accepts) turns that into the read-write opening that took
// pqxx::work's BEGIN and a separate SET TRANSACTION READ WRITE: one round trip a write less.
class ReadWriteWork : public pqxx::internal::basic_transaction {
 public:
  explicit ReadWriteWork(pqxx::connection_base& c)
      : pqxx::internal::namedclass{"transaction", ""},
        basic_transaction(c, "READ COMMITTED READ WRITE", pqxx::read_write) {
    Begin();
  }
  ~ReadWriteWork() noexcept override { End(); }
};

absl::Status CommitIfOk(pqxx::transaction_base& tx, absl::FunctionRef<absl::Status(Tx&)> body,
                        bool* outbox_written) {
  Tx wrapped(tx);
  absl::Status status = body(wrapped);
  if (status.ok()) {
    tx.commit();
    *outbox_written = wrapped.outbox_written();
  }
  return status;
}

}  // namespace

Pool::Pool(PoolConfig cfg, std::span<const Statement> statements)
    : cfg_(std::move(cfg)),
      conninfo_(Conninfo(cfg_)),
      statements_(statements.begin(), statements.end()) {}

Pool::~Pool() = default;

absl::Status Pool::Ping() {
  return Read([](Tx& tx) -> absl::Status {
    tx.ExecSql("SELECT 1");
    return absl::OkStatus();
  });
}

void Pool::SetOutboxObserver(std::function<void()> observer) {
  std::lock_guard lock(observer_mu_);
  outbox_observer_ = std::move(observer);
}

absl::Status Pool::RunTx(Mode mode, absl::FunctionRef<absl::Status(Tx&)> body) {
  int conflicts = 0;
  bool fresh = false;
  for (;;) {
    auto conn = Acquire(fresh);
    if (!conn.ok()) return conn.status();
    Attempt attempt = TryOnce(**conn, mode, body);
    // A connection can also die in the rollback that tx's destructor sends.
    bool healthy = attempt.connection_ok && (*conn)->is_open();
    Release(*std::move(conn), healthy);
    if (attempt.outbox_written) {
      std::lock_guard lock(observer_mu_);
      if (outbox_observer_) outbox_observer_();
    }
    switch (attempt.retry) {
      case Retry::kNo: return attempt.status;
      case Retry::kConflict:
        if (conflicts++ == kMaxConflictRetries) return attempt.status;
        break;
      case Retry::kFreshConnection:
        // Only once: a second dead connection means Postgres itself is down.
        if (fresh) return attempt.status;
        fresh = true;
        break;
    }
  }
}

Pool::Attempt Pool::TryOnce(pqxx::connection& conn, Mode mode,
                            absl::FunctionRef<absl::Status(Tx&)> body) {
  bool begun = false;
  try {
    if (mode == Mode::kRead) {
      // No BEGIN/COMMIT: one round trip per statement instead of three for a one-statement
      // read. The session's default_transaction_read_only makes Postgres refuse writes.
      pqxx::nontransaction tx(conn);
      begun = true;
      Attempt attempt;
      attempt.status = CommitIfOk(tx, body, &attempt.outbox_written);
      return attempt;
    }
    ReadWriteWork tx(conn);
    begun = true;
    Attempt attempt;
    attempt.status = CommitIfOk(tx, body, &attempt.outbox_written);
    return attempt;
  } catch (...) {
    internal::MappedError err = internal::MapException(std::current_exception());
    // Some failures (a terminated backend reports 57P01 first) only show as a closed socket.
    bool dead = err.kind == internal::ErrorKind::kConnection || !conn.is_open();
    if (dead) {
      if (err.kind != internal::ErrorKind::kConnection) {
        err.status = absl::UnavailableError("database unavailable");
      }
      // A new connection may simply try again when nothing of the caller's ran yet, or when
      // it was a read (nothing to commit twice).
      const bool retry = !begun || mode == Mode::kRead;
      return {err.status, retry ? Retry::kFreshConnection : Retry::kNo, false};
    }
    // WriteOnce's function may not run twice: its conflict is the caller's answer.
    if (err.kind == internal::ErrorKind::kConflict && mode == Mode::kWrite) {
      return {err.status, Retry::kConflict, true};
    }
    return {err.status, Retry::kNo, true};
  }
}

absl::StatusOr<Pool::Connection> Pool::Acquire(bool fresh) {
  Connection stale;  // closed outside the lock
  {
    std::unique_lock lock(mu_);
    auto can_proceed = [&] { return !idle_.empty() || open_ < cfg_.size; };
    if (!released_.wait_for(lock, cfg_.acquire_timeout, can_proceed)) {
      spdlog::warn("database: pool of {} connections exhausted for {} ms", cfg_.size,
                   cfg_.acquire_timeout.count());
      return absl::UnavailableError("database unavailable: connection pool exhausted");
    }
    if (!idle_.empty()) {
      Connection conn = std::move(idle_.back());
      idle_.pop_back();
      if (!fresh) return conn;
      // The caller just met a dead connection; idle ones from the same era are suspect.
      stale = std::move(conn);
    } else {
      ++open_;
    }
  }
  stale.reset();
  try {
    return Connect();
  } catch (...) {
    internal::MapException(std::current_exception());  // logs why
    {
      std::lock_guard lock(mu_);
      --open_;
    }
    released_.notify_one();
    return absl::UnavailableError("database unavailable");
  }
}

void Pool::Release(Connection conn, bool healthy) {
  {
    std::lock_guard lock(mu_);
    if (healthy) {
      idle_.push_back(std::move(conn));
    } else {
      --open_;
    }
  }
  released_.notify_one();
  // A broken connection is closed here, after the lock is released.
}

Pool::Connection Pool::Connect() const {
  auto conn = std::make_unique<pqxx::connection>(conninfo_);
  // Registered only; libpqxx prepares each on the server the first time it runs there.
  for (const Statement& s : statements_) conn->prepare(s.name, s.text);
  return conn;
}

}  // namespace iris::db
