// The outbox relay every service runs (ARCHITECTURE.md "Messages between services"): a thread
// that publishes the service's own <schema>.outbox rows to notifications.v1.Notifications/Publish
// in position order and marks them published in the transaction that selected them.
//
// One pass: a Write transaction takes the schema's relay lock (a transaction-level advisory
// lock, so of several replicas one publishes at a time and order holds), selects up to `batch`
// unpublished rows FOR UPDATE SKIP LOCKED, calls Publish (deadline `publish_deadline`), marks
// the rows and commits. Rows are marked only after Publish answered OK; a crash between the two
// publishes them again later, which notifications counts as a duplicate (it stores by id). The
// pool may rerun a pass after a serialization failure: Publish is safe to repeat for the same
// reason.
//
// When it runs: again at once while whole batches come; otherwise when a write of this process
// commits an outbox row (db::Pool::SetOutboxObserver) or after `poll` (rows other replicas
// wrote). Deliberately not LISTEN/NOTIFY: a NOTIFY takes a database-wide lock at commit that
// serialises every notifying transaction's commit, a ceiling on every service's write rate.
// While Publish fails (notifications down, a deadline) it backs off exponentially up to
// `max_backoff`, logging once when a failure streak starts and once when it ends.
//
// Metrics (the service's registry): iris_outbox_pending and iris_outbox_lag_seconds (age of
// the oldest unpublished row, 0 when none), iris_outbox_published_total and
// iris_outbox_publish_failures_total.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "iris/notifications/v1/notifications.grpc.pb.h"
#include "libs/db/pool.hpp"
#include "libs/metrics/metrics.hpp"

namespace prometheus {
class Counter;
class Gauge;
}  // namespace prometheus

namespace iris::relay {

struct Config {
  bool enabled = true;                                 // IRIS_RELAY_ENABLED
  std::string notifications_addr = "127.0.0.1:50055";  // IRIS_NOTIFICATIONS_ADDR
  int batch = 100;                                     // IRIS_RELAY_BATCH (Publish takes <= 500)
  std::chrono::milliseconds poll{1000};                // IRIS_RELAY_POLL_MS
  std::chrono::milliseconds max_backoff{30000};        // IRIS_RELAY_MAX_BACKOFF_MS
  std::chrono::milliseconds first_backoff{200};        // the first wait after a failure
  std::chrono::milliseconds publish_deadline{5000};
  // A test hook, IRIS_RELAY_FAULT=exit_after_publish (tests/faults/relay_crash_fault_test):
  // the process ends with _exit(75) right after a successful Publish, before the commit that
  // would mark the rows, as a crash at the worst moment would.
  bool exit_after_publish = false;
};

// The exit status of the exit_after_publish hook.
inline constexpr int kFaultExitCode = 75;

// What one pass did.
struct Pass {
  int published = 0;        // rows Publish accepted and this pass marked
  bool full = false;        // a whole batch: more may be waiting
  bool locked_out = false;  // another replica holds the schema's relay lock
  // Rows notifications refused as malformed (INVALID_ARGUMENT), one at a time: set aside
  // (marked, logged at error level, counted in iris_outbox_rejected_total) so that one bad row
  // cannot hold back every later one. The row stays in the outbox; clearing its published_at
  // sends it again once notifications accepts it.
  int rejected = 0;
  bool again_now = false;  // a batch was refused: go on row by row without waiting
};

class Relay {
 public:
  // `schema` is the service's (its outbox and the Publish source); the pool must have the
  // kit's statements for it (db::StatementSet with kit_schema). Without `channel`, one to
  // config.notifications_addr is made.
  Relay(std::string schema, Config config, db::Pool& pool, metrics::Metrics& metrics,
        std::shared_ptr<::grpc::Channel> channel = nullptr);
  ~Relay();  // Stop()
  Relay(const Relay&) = delete;
  Relay& operator=(const Relay&) = delete;

  // Starts the thread and listens to the pool's outbox commits. Once.
  void Start();
  // Cancels a Publish in flight, ends the thread and waits for it. Idempotent.
  void Stop();
  // Runs a pass soon (a new outbox row committed).
  void Wake();

  // One pass on the calling thread: what the thread runs; tests call it directly. Not OK when
  // the database or Publish failed (then nothing was marked).
  absl::StatusOr<Pass> PublishOnce();
  // Reads the pending count and the lag into their gauges.
  absl::Status RefreshGauges();

 private:
  void Loop();
  absl::StatusOr<Pass> PassIn(db::Tx& tx);
  // Waits up to `d` or until Stop (and Wake, when `wakeable`); false once stopping.
  bool WaitFor(std::chrono::milliseconds d, bool wakeable);

  const std::string schema_;
  const Config config_;
  db::Pool& pool_;
  std::unique_ptr<notifications::v1::Notifications::Stub> stub_;
  prometheus::Gauge& pending_;
  prometheus::Gauge& lag_;
  prometheus::Counter& published_;
  prometheus::Counter& failures_;
  prometheus::Counter& rejected_;
  // After notifications refused a batch as malformed: the rows to take one at a time, to find
  // the refused one(s) and publish the rest. Only the relay's thread (or a test) runs passes.
  int one_by_one_ = 0;

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;                       // guarded by mu_
  bool woken_ = false;                          // guarded by mu_
  ::grpc::ClientContext* in_flight_ = nullptr;  // guarded by mu_: cancelled by Stop
  std::thread thread_;
};

}  // namespace iris::relay
