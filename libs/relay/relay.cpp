#include "libs/relay/relay.hpp"

#include <unistd.h>

#include <algorithm>
#include <string>
#include <utility>

#include "libs/db/outbox.hpp"
#include "libs/db/values.hpp"
#include "libs/grpc/channel.hpp"
#include "libs/log/log.hpp"
#include "libs/proto_values/proto_values.hpp"
#include "libs/status/grpc_status.hpp"

namespace iris::relay {
namespace {

namespace v1 = iris::notifications::v1;
using std::chrono::milliseconds;

db::Statement Kit(const char* name) { return {name, ""}; }

std::string UuidArray(const std::vector<std::string>& ids) {
  std::string out = "{";
  for (const auto& id : ids) {
    if (out.size() > 1) out += ",";
    out += id;  // uuids as Postgres printed them: nothing to quote
  }
  return out + "}";
}

}  // namespace

Relay::Relay(std::string schema, Config config, db::Pool& pool, metrics::Metrics& metrics,
             std::shared_ptr<::grpc::Channel> channel)
    : schema_(std::move(schema)),
      config_(std::move(config)),
      pool_(pool),
      stub_(v1::Notifications::NewStub(channel ? std::move(channel)
                                               : grpc::MakeChannel(config_.notifications_addr))),
      pending_(metrics.Gauge("iris_outbox_pending",
                             "Outbox rows not yet published to notifications", {})),
      lag_(metrics.Gauge("iris_outbox_lag_seconds",
                         "Age of the oldest outbox row not yet published; 0 when none", {})),
      published_(metrics.Counter("iris_outbox_published_total",
                                 "Outbox rows published to notifications and marked", {})),
      failures_(metrics.Counter("iris_outbox_publish_failures_total",
                                "Publish calls to notifications that failed", {})),
      rejected_(metrics.Counter("iris_outbox_rejected_total",
                                "Outbox rows notifications refused as malformed, set aside", {})) {}

Relay::~Relay() { Stop(); }

void Relay::Start() {
  pool_.SetOutboxObserver([this] { Wake(); });
  thread_ = std::thread([this] { Loop(); });
}

void Relay::Stop() {
  // First: once this returns, no commit calls Wake on a relay being destroyed.
  pool_.SetOutboxObserver(nullptr);
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    if (in_flight_ != nullptr) in_flight_->TryCancel();
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Relay::Wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

bool Relay::WaitFor(milliseconds d, bool wakeable) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, d, [&] { return stopping_ || (wakeable && woken_); });
  // A wake during a backoff is not lost: the pass after the backoff sees its row anyway.
  if (wakeable) woken_ = false;
  return !stopping_;
}

absl::StatusOr<Pass> Relay::PublishOnce() {
  return pool_.Write([&](db::Tx& tx) { return PassIn(tx); });
}

absl::StatusOr<Pass> Relay::PassIn(db::Tx& tx) {
  Pass pass;
  if (!tx.Exec(Kit(db::kOutboxLockName))[0]["locked"].as<bool>()) {
    pass.locked_out = true;
    return pass;
  }
  const int limit = one_by_one_ > 0 ? 1 : config_.batch;
  const auto rows = tx.Exec(Kit(db::kOutboxBatchName), limit);
  if (rows.empty()) return pass;

  v1::PublishRequest req;
  req.set_source(schema_);
  std::vector<std::string> ids;
  ids.reserve(rows.size());
  for (const auto& r : rows) {
    v1::OutboxMessage* m = req.add_messages();
    m->set_id(r["id"].as<std::string>());
    m->set_type(r["type"].as<std::string>());
    m->set_subject_id(r["subject_id"].as<std::string>());
    m->set_country(r["country"].as<std::string>());
    m->set_actor(r["actor"].as<std::string>());
    m->set_request_id(r["request_id"].as<std::string>());
    proto_values::ToProto(db::TimeOf(r["occurred_at_us"]), m->mutable_occurred_at());
    m->set_payload_json(r["payload"].as<std::string>());
    m->set_position(r["position"].as<int64_t>());
    ids.push_back(m->id());
  }

  ::grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + config_.publish_deadline);
  {
    std::lock_guard lock(mu_);
    if (stopping_) return absl::CancelledError("the relay is stopping");
    in_flight_ = &ctx;
  }
  v1::PublishResponse resp;
  const ::grpc::Status answer = stub_->Publish(&ctx, req, &resp);
  {
    std::lock_guard lock(mu_);
    in_flight_ = nullptr;
  }
  if (answer.error_code() == ::grpc::StatusCode::INVALID_ARGUMENT) {
    failures_.Increment();
    if (rows.size() > 1) {
      // Nothing of the batch was stored (Publish is all or nothing): find the bad row.
      one_by_one_ = static_cast<int>(rows.size());
      pass.again_now = true;
      return pass;
    }
    log::Error("outbox relay: notifications refused a message; set aside",
               {{"schema", schema_},
                {"id", ids.front()},
                {"type", req.messages(0).type()},
                {"reason", answer.error_message()}});
    tx.Exec(Kit(db::kOutboxMarkName), UuidArray(ids));
    rejected_.Increment();
    pass.rejected = 1;
    if (one_by_one_ > 0) --one_by_one_;
    pass.again_now = true;
    return pass;
  }
  if (!answer.ok()) {
    failures_.Increment();
    return status::FromGrpc(answer);
  }
  if (config_.exit_after_publish) {
    // The test hook (Config::exit_after_publish): published, not marked.
    ::_exit(kFaultExitCode);
  }
  tx.Exec(Kit(db::kOutboxMarkName), UuidArray(ids));
  pass.published = static_cast<int>(rows.size());
  if (one_by_one_ > 0) {
    --one_by_one_;
    pass.again_now = true;
  }
  pass.full = pass.published >= limit;
  return pass;
}

absl::Status Relay::RefreshGauges() {
  return pool_.Read([&](db::Tx& tx) -> absl::Status {
    const auto row = tx.Exec(Kit(db::kOutboxStatsName))[0];
    pending_.Set(row["pending"].as<double>());
    lag_.Set(row["lag_seconds"].as<double>());
    return absl::OkStatus();
  });
}

void Relay::Loop() {
  log::Info("outbox relay started", {{"schema", schema_}, {"to", config_.notifications_addr}});
  milliseconds backoff{0};
  bool failing = false;  // in a failure streak: logged at its start and at its end
  auto last_gauges = std::chrono::steady_clock::time_point{};
  for (;;) {
    auto pass = PublishOnce();
    if (pass.ok() && pass->published > 0) published_.Increment(pass->published);
    // The gauges about once a second while rows go by (a count per pass would double the
    // relay's queries under a steady stream of writes), and after a pass that found nothing or
    // failed: those come at most once per poll or backoff, and say where things stand.
    const auto now = std::chrono::steady_clock::now();
    if (!pass.ok() || pass->published == 0 || now - last_gauges >= std::chrono::seconds(1)) {
      if (RefreshGauges().ok()) last_gauges = now;
    }
    if (!pass.ok()) {
      if (absl::IsCancelled(pass.status()) && !WaitFor(milliseconds(0), false)) break;
      backoff =
          std::min(backoff.count() == 0 ? config_.first_backoff : backoff * 2, config_.max_backoff);
      if (!failing) {
        failing = true;
        log::Warn("outbox relay: publishing failed; retrying with backoff",
                  {{"schema", schema_},
                   {"code", absl::StatusCodeToString(pass.status().code())},
                   {"reason", std::string(pass.status().message())},
                   {"max_backoff_ms", config_.max_backoff.count()}});
      }
      if (!WaitFor(backoff, false)) break;
      continue;
    }
    if (failing) {
      log::Info("outbox relay: publishing again", {{"schema", schema_}});
      failing = false;
    }
    backoff = milliseconds(0);
    if (pass->full || pass->again_now) {
      if (!WaitFor(milliseconds(0), false)) break;
      continue;
    }
    if (!WaitFor(config_.poll, true)) break;
  }
  log::Info("outbox relay stopped", {{"schema", schema_}});
}

}  // namespace iris::relay
