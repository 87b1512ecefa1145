// libcurl's global initialisation, once per process, before any thread starts a transfer:
// curl_easy_init would otherwise run it on first use, and the mail worker and several webhook
// senders may make that first use at the same time.
#pragma once

#include <mutex>

#include <curl/curl.h>

namespace iris::notifications::app {

inline void CurlGlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace iris::notifications::app
