#include "services/notifications/app/webhook_http.hpp"

#include <memory>

#include <curl/curl.h>

namespace iris::notifications::app {
namespace {

constexpr size_t kMaxAnswerBytes = 64 * 1024;

// Counts the answer's bytes and stops reading past the limit (curl then fails the transfer
// with CURLE_WRITE_ERROR, which is fine: the status line came first).
size_t Discard(char*, size_t size, size_t n, void* seen) {
  auto* total = static_cast<size_t*>(seen);
  *total += size * n;
  return *total > kMaxAnswerBytes ? 0 : size * n;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

HttpOutcome PostWebhook(const std::string& url, const CheckedUrl& target,
                        const std::vector<std::string>& headers, const std::string& body,
                        std::chrono::milliseconds timeout) {
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return {.status = 0, .error = "libcurl could not start a transfer"};
  CURL* c = curl.get();
  // host:port:address, IPv6 addresses in brackets: curl then never asks DNS for this host.
  const std::string address =
      target.address.IsV4() ? target.address.ToString() : "[" + target.address.ToString() + "]";
  std::unique_ptr<curl_slist, ListDeleter> resolve(curl_slist_append(
      nullptr, (target.url.host + ":" + std::to_string(target.url.port) + ":" + address).c_str()));
  curl_slist* raw_headers = nullptr;
  for (const auto& h : headers) raw_headers = curl_slist_append(raw_headers, h.c_str());
  raw_headers = curl_slist_append(raw_headers, "Expect:");
  std::unique_ptr<curl_slist, ListDeleter> header_list(raw_headers);
  size_t seen = 0;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_RESOLVE, resolve.get());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOPROXY, "*");  // a proxy would connect elsewhere than checked
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "IRIS-Webhooks/1");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Discard);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &seen);
  const CURLcode rc = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status > 0) return {.status = static_cast<int>(status), .error = ""};
  return {.status = 0, .error = curl_easy_strerror(rc)};
}

}  // namespace iris::notifications::app
