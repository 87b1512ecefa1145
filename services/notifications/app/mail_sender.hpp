// Where a composed mail goes: an SMTP server (libcurl; IRIS_SMTP_URL) or, without one, an .eml
// file per mail under IRIS_MAIL_DIR, so a developer's run.sh shows what would have been sent.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/notifications/domain/mail_format.hpp"

namespace iris::notifications::app {

class MailSender {
 public:
  virtual ~MailSender() = default;
  // `text` is ComposeMail(mail). OK: accepted. UNAVAILABLE: try again later (no answer, a 4xx
  // refusal). Any other code: a permanent refusal (5xx), not retried.
  virtual absl::Status Send(const domain::OutgoingMail& mail, const std::string& text) = 0;
};

// SMTP through libcurl: smtp://[user:pass@]host:port (STARTTLS when offered) or smtps:// (TLS
// from the start). The envelope is MAIL FROM <from> RCPT TO <to>.
class SmtpMailSender : public MailSender {
 public:
  SmtpMailSender(std::string url, std::chrono::milliseconds timeout);
  absl::Status Send(const domain::OutgoingMail& mail, const std::string& text) override;

 private:
  std::string url_;
  std::chrono::milliseconds timeout_;
};

// <dir>/<mail id>.eml, written under a temporary name and renamed, so a reader never sees half
// a mail.
class FileMailSender : public MailSender {
 public:
  explicit FileMailSender(std::string dir) : dir_(std::move(dir)) {}
  absl::Status Send(const domain::OutgoingMail& mail, const std::string& text) override;

 private:
  std::string dir_;
};

// The sender the settings choose: SMTP when smtp_url is set, else files under mail_dir (created
// here). A directory that cannot be made, a URL of another scheme or a from address that is
// not one is FAILED_PRECONDITION, reported at start.
absl::StatusOr<std::unique_ptr<MailSender>> MakeMailSender(const std::string& smtp_url,
                                                           const std::string& mail_dir,
                                                           const std::string& mail_from);

}  // namespace iris::notifications::app
