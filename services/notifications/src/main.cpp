// The notifications service: every service's outbox messages, stored once and fanned out to
// inboxes, mail, Standard Webhooks and the change feed; reminders before deadlines. The
// runner (libs/service) does the rest, the outbox relay included.
#include <memory>
#include <stdexcept>
#include <string>

#include "libs/audit/audit_grpc.hpp"
#include "libs/service/runner.hpp"
#include "notifications_migrations.hpp"
#include "services/notifications/app/feed_use_cases.hpp"
#include "services/notifications/app/inbox_use_cases.hpp"
#include "services/notifications/app/intake.hpp"
#include "services/notifications/app/mail_sender.hpp"
#include "services/notifications/app/mail_worker.hpp"
#include "services/notifications/app/reminder_scanner.hpp"
#include "services/notifications/app/subscription_use_cases.hpp"
#include "services/notifications/app/wakeup.hpp"
#include "services/notifications/app/webhook_secret_box.hpp"
#include "services/notifications/app/webhook_sender.hpp"
#include "services/notifications/app/webhook_url_guard.hpp"
#include "services/notifications/app/webhook_use_cases.hpp"
#include "services/notifications/rpc/notifications_grpc.hpp"
#include "services/notifications/rpc/webhook_grpc.hpp"
#include "services/notifications/src/config.hpp"
#include "services/notifications/storage/pg_inbox_repository.hpp"
#include "services/notifications/storage/pg_mail_repository.hpp"
#include "services/notifications/storage/pg_message_repository.hpp"
#include "services/notifications/storage/pg_reminder_repository.hpp"
#include "services/notifications/storage/pg_subscription_repository.hpp"
#include "services/notifications/storage/pg_webhook_repository.hpp"
#include "services/notifications/storage/statements.hpp"

namespace iris::notifications {
namespace {

const service::Definition kDefinition{
    .identity = {.name = "notifications", .grpc_port = 50055, .metrics_port = 9469},
    .migrations = migrations::kAll,
    .statements = storage::Statements(),
    .demo = {},
};

// A part that cannot be built from the settings stops the start with its one line.
template <typename T>
T OrThrow(absl::StatusOr<T> v) {
  if (!v.ok()) throw std::runtime_error(std::string(v.status().message()));
  return *std::move(v);
}

// Declared in dependency order: each part is built from the ones above it.
struct Parts {
  Parts(service::Context& ctx, const OwnSettings& own)
      : pool(ctx.pool), metrics(ctx.metrics), own(own) {}

  absl::Status Start() {
    webhook_sender.Start();
    mail_worker.Start();
    reminders.Start();
    return absl::OkStatus();
  }

  service::ServiceList Services() { return {&notifications_api, &webhooks_api, &audit_api}; }

  db::Pool& pool;
  metrics::Metrics& metrics;
  const OwnSettings& own;
  // The intake rings these after a fan-out so the workers send at once.
  app::Wakeup mail_wakeup;
  app::Wakeup webhook_wakeup;
  storage::PgMessageRepository message_repo;
  storage::PgInboxRepository inbox_repo;
  storage::PgSubscriptionRepository subscription_repo;
  // Publish and the reminder scanner both hand messages here.
  app::Intake intake{pool, message_repo, mail_wakeup, webhook_wakeup};
  app::InboxUseCases inbox{pool, inbox_repo};
  app::SubscriptionUseCases subscriptions{pool, subscription_repo};
  app::FeedUseCases feed{pool, message_repo};
  rpc::NotificationsGrpc notifications_api{intake, inbox, subscriptions, feed};
  // Mail: SMTP (IRIS_SMTP_URL) or .eml files under IRIS_MAIL_DIR, with the templates embedded
  // from templates/; reminders before deadlines go through the intake like any message.
  std::unique_ptr<app::MailSender> mail_sender =
      OrThrow(app::MakeMailSender(own.smtp_url, own.mail_dir, own.mail_from));
  storage::PgMailRepository mail_repo;
  app::MailWorker mail_worker{
      pool,
      mail_repo,
      *mail_sender,
      OrThrow(domain::MailTemplates::Embedded()),
      mail_wakeup,
      metrics,
      {.from_address = own.mail_from, .public_base_url = own.public_base_url, .poll = own.poll}};
  storage::PgReminderRepository reminder_repo;
  app::ReminderScanner reminders{
      pool, reminder_repo, intake, {.lead = own.reminder_lead, .every = own.reminder_scan}};
  // Webhooks: secrets sealed under IRIS_WEBHOOK_SECRET_KEY and the retry schedule are checked
  // here, so a bad value stops the start with one line.
  app::WebhookSecretBox webhook_box{own.webhook_secret_key};
  app::SystemResolver webhook_resolver;
  app::WebhookUrlGuard webhook_guard{webhook_resolver, own.webhook_allow_cidrs};
  storage::PgWebhookRepository webhook_repo;
  app::WebhookUseCases webhooks{pool, webhook_repo, webhook_box, webhook_guard, webhook_wakeup};
  rpc::WebhookGrpc webhooks_api{webhooks};
  const app::WebhookSenderSettings webhook_settings = app::WebhookSenderSettingsOf(
      own.webhook_retry_schedule, own.webhook_timeout, own.poll, own.webhook_senders);
  app::WebhookSender webhook_sender{
      pool, webhook_repo, webhook_box, webhook_guard, webhook_settings, webhook_wakeup, metrics};
  audit::AuditGrpc audit_api{pool, "notifications"};  // the kit's audit listing of this schema
};

}  // namespace
}  // namespace iris::notifications

int main(int argc, char** argv) {
  using namespace iris::notifications;
  return iris::service::Run<Parts, OwnSettings>(argc, argv, kDefinition);
}
