// A stream of requests from a background thread, every answer kept for the assertions.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/http_client.hpp"

namespace iris::testing {

// A 503 a client can act on: a problem+json document saying 503, with Retry-After.
inline bool IsUnavailableProblem(const HttpResult& r) {
  if (r.status != 503 || r.Header("retry-after").empty()) return false;
  if (r.Header("content-type") != "application/problem+json") return false;
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  return !body.is_discarded() && body.value("status", 0) == 503;
}

// One request of a stream; `i` counts from 0.
struct TrafficRequest {
  std::string method = "GET";
  std::string path;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};
using RequestMaker = std::function<TrafficRequest(size_t i)>;

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
      : Traffic(
            std::move(base_url),
            [paths = std::move(paths)](size_t i) {
              return TrafficRequest{"GET", paths[i % paths.size()], "", {}};
            },
            client_timeout) {}
  // Sends make(0), make(1), ... one after another.
  Traffic(std::string base_url, RequestMaker make,
          std::chrono::milliseconds client_timeout = std::chrono::milliseconds(8000))
      : base_(std::move(base_url)), make_(std::move(make)), timeout_(client_timeout) {
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
      TrafficRequest q = make_(i);
      HttpResult r = HttpRequest(q.method, base_ + q.path, q.body, q.headers, timeout_);
      std::lock_guard<std::mutex> lock(mu_);
      answers_.push_back({q.path, std::move(r), std::chrono::steady_clock::now()});
    }
  }

  const std::string base_;
  const RequestMaker make_;
  const std::chrono::milliseconds timeout_;
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  std::vector<Answer> answers_;
  std::thread thread_;
};

}  // namespace iris::testing
