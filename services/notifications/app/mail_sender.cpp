#include "services/notifications/app/mail_sender.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>

#include <curl/curl.h>

#include "absl/strings/str_cat.h"
#include "services/notifications/app/curl_init.hpp"
#include "services/notifications/domain/mail_format.hpp"

namespace iris::notifications::app {
namespace {

struct Upload {
  const std::string* text;
  size_t offset = 0;
};

size_t ReadChunk(char* buffer, size_t size, size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, up->text->size() - up->offset);
  std::memcpy(buffer, up->text->data() + up->offset, n);
  up->offset += n;
  return n;
}

}  // namespace

SmtpMailSender::SmtpMailSender(std::string url, std::chrono::milliseconds timeout)
    : url_(std::move(url)), timeout_(timeout) {
  CurlGlobalInitOnce();
}

absl::Status SmtpMailSender::Send(const domain::OutgoingMail& mail, const std::string& text) {
  // The addresses reach the SMTP dialogue: checked again whatever the caller did.
  if (!domain::IsMailAddress(mail.from_address) || !domain::IsMailAddress(mail.to_address)) {
    return absl::InvalidArgumentError("not a usable mail address");
  }
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return absl::UnavailableError("curl_easy_init failed");
  const std::string from = absl::StrCat("<", mail.from_address, ">");
  curl_slist* rcpt = curl_slist_append(nullptr, absl::StrCat("<", mail.to_address, ">").c_str());
  Upload upload{.text = &text};
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, &ReadChunk);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(text.size()));
  // smtp:// upgrades to TLS when the server offers STARTTLS; smtps:// is TLS from the start. A
  // URL with credentials requires TLS: one that strips STARTTLS on the way must not get the
  // password in clear.
  const bool with_credentials = url_.find('@') != std::string::npos;
  curl_easy_setopt(curl, CURLOPT_USE_SSL,
                   static_cast<long>(with_credentials ? CURLUSESSL_ALL : CURLUSESSL_TRY));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // worker threads: no SIGALRM for timeouts
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl_easy_perform(curl);
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(curl);
  if (rc == CURLE_OK) return absl::OkStatus();
  const std::string why = absl::StrCat("smtp: ", error[0] != 0 ? error : curl_easy_strerror(rc),
                                       code != 0 ? absl::StrCat(" (", code, ")") : "");
  // RFC 5321 4.2.1: 5yz is a permanent refusal; anything else may succeed later.
  if (code >= 500 && code < 600) return absl::FailedPreconditionError(why);
  return absl::UnavailableError(why);
}

absl::Status FileMailSender::Send(const domain::OutgoingMail& mail, const std::string& text) {
  const std::string final_path = absl::StrCat(dir_, "/", mail.id, ".eml");
  const std::string temp_path = absl::StrCat(dir_, "/.", mail.id, ".eml.tmp");
  const int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return absl::UnavailableError(absl::StrCat(temp_path, ": ", std::strerror(errno)));
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(temp_path.c_str());
      return absl::UnavailableError(absl::StrCat(temp_path, ": ", why));
    }
    written += static_cast<size_t>(n);
  }
  if (::close(fd) != 0 || ::rename(temp_path.c_str(), final_path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temp_path.c_str());
    return absl::UnavailableError(absl::StrCat(final_path, ": ", why));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<MailSender>> MakeMailSender(const std::string& smtp_url,
                                                           const std::string& mail_dir,
                                                           const std::string& mail_from) {
  if (!domain::IsMailAddress(mail_from)) {
    return absl::FailedPreconditionError("IRIS_MAIL_FROM: must be a plain address (a@b.example)");
  }
  if (!smtp_url.empty()) {
    if (!smtp_url.starts_with("smtp://") && !smtp_url.starts_with("smtps://")) {
      return absl::FailedPreconditionError("IRIS_SMTP_URL: must start with smtp:// or smtps://");
    }
    return std::make_unique<SmtpMailSender>(smtp_url, std::chrono::seconds(30));
  }
  std::error_code ec;
  std::filesystem::create_directories(mail_dir, ec);
  if (ec) {
    return absl::FailedPreconditionError(
        absl::StrCat("IRIS_MAIL_DIR ", mail_dir, ": ", ec.message()));
  }
  return std::make_unique<FileMailSender>(mail_dir);
}

}  // namespace iris::notifications::app
