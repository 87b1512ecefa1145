// Shared by the mail and reminder database tests: the notifications schema with the real
// intake (messages go in as a relay would hand them), people and subscriptions, and a real
// SMTP server on loopback (tests/support/smtp_sink.py) whose received mails are read back.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "absl/time/time.h"
#include "libs/db/migrator.hpp"
#include "libs/db/pool.hpp"
#include "libs/db/testing/scratch_schema.hpp"
#include "libs/metrics/metrics.hpp"
#include "notifications_migrations.hpp"
#include "services/notifications/app/intake.hpp"
#include "services/notifications/app/wakeup.hpp"
#include "services/notifications/storage/pg_message_repository.hpp"
#include "services/notifications/storage/statements.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_env.hpp"

namespace iris::notifications::testing {

using namespace std::chrono_literals;

// A random version 4 uuid (ids of messages and people of the test).
inline std::string NewUuid() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  const uint64_t a = rng(), b = rng();
  char buf[40];
  std::snprintf(
      buf, sizeof buf, "%08llx-%04llx-4%03llx-8%03llx-%012llx",
      static_cast<unsigned long long>(a >> 32), static_cast<unsigned long long>((a >> 16) & 0xffff),
      static_cast<unsigned long long>(a & 0xfff), static_cast<unsigned long long>(b >> 52),
      static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

// A database of this test process's own, with an empty notifications schema, created on first
// use and dropped at exit. Notifications' tables are fanned out to and worked on by every
// notifications process using them (the e2e systems running meanwhile share the test
// database): a test of the intake or the workers must not share them.
inline std::string DatabaseUrl() {
  struct Own {
    std::string name = db::testing::UniqueName("notifications_test");
    std::string url;
    Own() {
      db::testing::ExecAsSuperuser("CREATE DATABASE " + name);
      const std::string admin = db::testing::SuperuserUrl();
      url = admin.substr(0, admin.rfind('/') + 1) + name;
      pqxx::connection conn(url);
      pqxx::nontransaction tx(conn);
      tx.exec("CREATE SCHEMA notifications");
    }
    ~Own() {
      try {
        db::testing::ExecAsSuperuser("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (...) {  // the server may be gone at exit; the test run's cluster is temporary
      }
    }
  };
  static Own own;
  return own.url;
}

// A unique address: <prefix>.<random>@example.org.
inline std::string MailboxOf(const std::string& prefix) {
  return prefix + "." + NewUuid().substr(0, 8) + "@example.org";
}

inline std::string Rfc3339(std::chrono::system_clock::time_point t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromChrono(t), absl::UTCTimeZone());
}

// The SMTP server, as a child process; the directory its mails land in.
// A quoted-printable text without its soft line breaks ("=" CRLF).
inline std::string Unfolded(std::string text) {
  for (size_t p; (p = text.find("=\r\n")) != std::string::npos;) text.erase(p, 3);
  return text;
}

class SmtpSink {
 public:
  // Refuses the first `refuse_times` mails to `refuse` (an address) with 451.
  explicit SmtpSink(const std::string& refuse = "", int refuse_times = 0)
      : dir_(std::filesystem::temp_directory_path() / iris::testing::UniqueName("smtp_sink")) {
    std::filesystem::create_directories(dir_);
    const std::string script = std::string(IRIS_SOURCE_DIR) + "/tests/support/smtp_sink.py";
    const std::string port_file = (dir_ / "port").string();
    process_ = std::make_unique<iris::testing::ChildProcess>(
        "/usr/bin/python3",
        std::vector<std::string>{script, "--dir", (dir_ / "mail").string(), "--port-file",
                                 port_file, "--refuse", refuse, "--refuse-times",
                                 std::to_string(refuse_times)},
        std::vector<std::pair<std::string, std::string>>{}, (dir_ / "sink.log").string());
    const bool up =
        iris::testing::Eventually([&] { return std::filesystem::exists(port_file); }, 10s);
    EXPECT_TRUE(up) << process_->LogTail();
    std::ifstream in(port_file);
    in >> port_;
  }
  ~SmtpSink() { std::filesystem::remove_all(dir_); }

  std::string Url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // Every mail received whose envelope recipient is `to` and, unless `about` is empty, whose
  // body names it (a subject id: tests share the database, and other tests' public messages
  // may reach this test's people too). Soft line breaks of the quoted-printable body are
  // undone for that search.
  std::vector<std::string> MailsTo(const std::string& to, const std::string& about = "") const {
    std::vector<std::string> out;
    if (!std::filesystem::exists(dir_ / "mail")) return out;
    for (const auto& e : std::filesystem::directory_iterator(dir_ / "mail")) {
      if (e.path().extension() != ".eml") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      const std::string text = ss.str();
      if (text.find("X-Sink-Rcpt-To: " + to + "\r\n") == std::string::npos) continue;
      if (!about.empty() && Unfolded(text).find(about) == std::string::npos) continue;
      out.push_back(text);
    }
    return out;
  }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<iris::testing::ChildProcess> process_;
  int port_ = 0;
};

class NotificationsDbTest : public ::testing::Test {
 protected:
  // A database of the suite's own, with the notifications schema migrated: the mail worker
  // sends every due mail it finds, and the system the end-to-end tests start (same Postgres,
  // running meanwhile) has one too; in a shared schema each would send the other's mail.
  static void SetUpTestSuite() {
    database_ = db::testing::UniqueName("notifications_mail");
    db::testing::ExecAsSuperuser("CREATE DATABASE " + database_);
    const std::string admin = db::testing::SuperuserUrl();
    url_ = admin.substr(0, admin.rfind('/') + 1) + database_;
    {
      pqxx::connection conn(url_);
      pqxx::nontransaction tx(conn);
      tx.exec("CREATE SCHEMA notifications");
    }
    ASSERT_TRUE(db::MigrateService(url_, "notifications", migrations::kAll).ok());
  }
  static void TearDownTestSuite() {
    db::testing::ExecAsSuperuser("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
  }
  static std::string DatabaseUrl() { return url_; }
  static inline std::string database_, url_;

  // A message as a service's relay hands it over.
  domain::Message MessageOf(const std::string& type, const std::string& subject_id,
                            nlohmann::json payload) {
    domain::Message m;
    m.id = NewUuid();
    m.source = type.substr(0, type.find('.'));
    m.type = type;
    m.subject_id = subject_id;
    m.payload = std::move(payload);
    m.occurred_at =
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
    return m;
  }

  void Publish(const std::vector<domain::Message>& messages) {
    auto r = intake_.Accept(messages);
    ASSERT_TRUE(r.ok()) << r.status();
  }

  // A person notifications may write to (learnt from membership.user.created, as in
  // production), subscribed to `topics` by email in `language`. A partner: its role's defaults
  // subscribe it to nothing, so it receives only what this test subscribes it to.
  std::string Person(const std::string& email, const std::string& name,
                     const std::vector<std::string>& topics, const std::string& language) {
    const std::string id = NewUuid();
    Publish({MessageOf("membership.user.created", id,
                       {{"id", id},
                        {"email", email},
                        {"name", name},
                        {"role", "partner"},
                        {"status", "active"}})});
    std::string list;
    for (const auto& t : topics) list += (list.empty() ? "'" : ",'") + t + "'";
    Exec(
        "INSERT INTO notifications.subscriptions (recipient_id, topics, channels, language) "
        "VALUES ('" +
        id + "', ARRAY[" + list + "]::text[], ARRAY['email'], '" + language + "')");
    return id;
  }

  void Exec(const std::string& sql) {
    auto s = pool_.Write([&](db::Tx& tx) -> absl::Status {
      tx.ExecSql(sql);
      return absl::OkStatus();
    });
    ASSERT_TRUE(s.ok()) << s;
  }
  std::string Text(const std::string& sql) {
    auto v = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<std::string> {
      auto r = tx.ExecSql(sql);
      if (r.empty() || r[0][0].is_null()) return std::string();
      return r[0][0].as<std::string>();
    });
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : "";
  }
  int Count(const std::string& sql) { return std::stoi(Text(sql)); }

  db::Pool pool_{db::PoolConfig{.url = DatabaseUrl(), .size = 4}, storage::Statements()};
  metrics::Metrics metrics_{"notifications"};
  app::Wakeup mail_wakeup_;
  app::Wakeup webhook_wakeup_;
  storage::PgMessageRepository messages_;
  app::Intake intake_{pool_, messages_, mail_wakeup_, webhook_wakeup_};
};

}  // namespace iris::notifications::testing
