// A stream of GET requests from a background thread, every answer kept for the assertions.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/http_client.hpp"

namespace iris::testing {

// A 503 a client can act on: a problem+json document saying 503, with Retry-After.
inline bool IsUnavailableProblem(const HttpResult& r) {
  if (r.status != 503 || r.Header("retry-after").empty()) return false;
  if (r.Header("content-type") != "application/problem+json") return false;
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  return !body.is_discarded() && body.value("status", 0) == 503;
}

struct Answer {
  std::string path;
  HttpResult result;
  std::chrono::steady_clock::time_point at;  // when the answer arrived
};

class Traffic {
 public:
  // Requests base_url + paths[i % n] one after another until Stop() or destruction. The client
  // timeout is long on purpose: a request the gateway lets hang shows up as a slow answer or
  // status 0 instead of being cut short.
  Traffic(std::string base_url, std::vector<std::string> paths,
          std::chrono::milliseconds client_timeout = std::chrono::milliseconds(8000))
      : base_(std::move(base_url)), paths_(std::move(paths)), timeout_(client_timeout) {
    thread_ = std::thread([this] { Run(); });
  }
  ~Traffic() { Stop(); }
  Traffic(const Traffic&) = delete;
  Traffic& operator=(const Traffic&) = delete;

  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  size_t Count() const {
    std::lock_guard<std::mutex> lock(mu_);
    return answers_.size();
  }
  // Answers with this status that arrived after `since`.
  size_t CountSince(long status, std::chrono::steady_clock::time_point since) const {
    std::lock_guard<std::mutex> lock(mu_);
    size_t n = 0;
    for (const auto& a : answers_) n += (a.result.status == status && a.at >= since) ? 1 : 0;
    return n;
  }
  std::vector<Answer> Answers() const {
    std::lock_guard<std::mutex> lock(mu_);
    return answers_;
  }

 private:
  void Run() {
    for (size_t i = 0; !stop_; ++i) {
      const std::string& path = paths_[i % paths_.size()];
      HttpResult r = HttpRequest("GET", base_ + path, "", {}, timeout_);
      std::lock_guard<std::mutex> lock(mu_);
      answers_.push_back({path, std::move(r), std::chrono::steady_clock::now()});
    }
  }

  const std::string base_;
  const std::vector<std::string> paths_;
  const std::chrono::milliseconds timeout_;
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  std::vector<Answer> answers_;
  std::thread thread_;
};

}  // namespace iris::testing
