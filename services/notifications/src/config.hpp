// Notifications' own settings, beyond the ones every service reads (libs/service/settings.hpp).
#pragma once

#include <chrono>
#include <string>

#include "libs/config/env.hpp"

namespace iris::notifications {

struct OwnSettings {
  // Mail: IRIS_SMTP_URL smtp://[user:pass@]host:port (smtps:// for TLS); empty: each mail is
  // an .eml file under mail_dir (IRIS_MAIL_DIR, default $IRIS_DATA_DIR/mail).
  std::string smtp_url;
  std::string mail_dir;
  std::string mail_from;        // IRIS_MAIL_FROM, an address (the From: header and envelope sender)
  std::string public_base_url;  // IRIS_PUBLIC_BASE_URL: links in mail point there
  // Reminders: IRIS_REMINDER_LEAD ("72h", "90m"; a plain number is milliseconds),
  // IRIS_REMINDER_SCAN_SECONDS.
  std::chrono::seconds reminder_lead{72 * 3600};
  std::chrono::seconds reminder_scan{60};
  // Webhooks: IRIS_WEBHOOK_RETRY_SCHEDULE ("5s,30s,5m,30m,2h,5h,10h,10h": the waits after the
  // 1st, 2nd, ... failed attempt; then dead-letter), IRIS_WEBHOOK_ALLOW_CIDRS (comma-separated
  // ranges let through the address check, for local receivers and tests),
  // IRIS_WEBHOOK_TIMEOUT_MS (one attempt, connect to answer), IRIS_WEBHOOK_SECRET_KEY (64 hex
  // digits: seals endpoint secrets at rest; required to serve), IRIS_WEBHOOK_SENDERS (attempts
  // under way at once per replica: a receiver that times out holds one, not all).
  std::string webhook_retry_schedule;
  std::string webhook_allow_cidrs;
  std::chrono::milliseconds webhook_timeout{10000};
  std::string webhook_secret_key;
  int webhook_senders = 4;
  // How often the mail and webhook workers look for due work when idle
  // (IRIS_NOTIFICATIONS_POLL_MS); a fan-out also wakes them at once.
  std::chrono::milliseconds poll{500};

  static OwnSettings Load(iris::config::Env& env) {
    using std::chrono::milliseconds;
    OwnSettings s;
    s.smtp_url = env.String("IRIS_SMTP_URL", "");
    const std::string data_dir = env.String("IRIS_DATA_DIR", ".iris");
    s.mail_dir = env.String("IRIS_MAIL_DIR", data_dir + "/mail");
    s.mail_from = env.String("IRIS_MAIL_FROM", "notifications@iris-network.example");
    s.public_base_url = env.String("IRIS_PUBLIC_BASE_URL", "http://localhost:8080");
    s.reminder_lead = std::chrono::duration_cast<std::chrono::seconds>(
        env.Millis("IRIS_REMINDER_LEAD", std::chrono::hours(72), std::chrono::minutes(1),
                   std::chrono::hours(24 * 60)));
    s.reminder_scan = std::chrono::seconds(env.Int("IRIS_REMINDER_SCAN_SECONDS", 60, 1, 86400));
    s.webhook_retry_schedule =
        env.String("IRIS_WEBHOOK_RETRY_SCHEDULE", "5s,30s,5m,30m,2h,5h,10h,10h");
    s.webhook_allow_cidrs = env.String("IRIS_WEBHOOK_ALLOW_CIDRS", "");
    s.webhook_timeout = env.Millis("IRIS_WEBHOOK_TIMEOUT_MS", milliseconds(10000),
                                   milliseconds(100), milliseconds(60000));
    s.webhook_secret_key = env.String("IRIS_WEBHOOK_SECRET_KEY", "");
    s.webhook_senders = env.Int("IRIS_WEBHOOK_SENDERS", 4, 1, 32);
    s.poll = env.Millis("IRIS_NOTIFICATIONS_POLL_MS", milliseconds(500), milliseconds(10),
                        milliseconds(60000));
    return s;
  }
};

}  // namespace iris::notifications
