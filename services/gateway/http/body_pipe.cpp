#include "services/gateway/http/body_pipe.hpp"

#include <algorithm>
#include <utility>

#include "libs/status/status.hpp"

namespace iris::gateway::http {
namespace {

// A body held whole: for requests that did not come through the adapter.
class StringBodyReader : public BodyReader {
 public:
  explicit StringBodyReader(std::string body) : body_(std::move(body)) {}
  uint64_t content_length() const override { return body_.size(); }
  absl::StatusOr<std::string> Read(size_t max) override {
    std::string out = body_.substr(offset_, max);
    offset_ += out.size();
    return out;
  }

 private:
  std::string body_;
  size_t offset_ = 0;
};

}  // namespace

std::shared_ptr<BodyReader> BodyReaderOf(std::string body) {
  return std::make_shared<StringBodyReader>(std::move(body));
}

std::chrono::steady_clock::time_point TransferPace::RateDeadline(
    std::chrono::steady_clock::time_point start, uint64_t bytes) const {
  if (min_bytes_per_second == 0) return std::chrono::steady_clock::time_point::max();
  // `bytes` at the minimum rate take this long; never before the grace period ends.
  const auto earned = std::chrono::milliseconds(bytes * 1000 / min_bytes_per_second);
  return start + std::max<std::chrono::milliseconds>(grace, earned);
}

BodyPipe::BodyPipe(uint64_t content_length, size_t capacity, TransferPace pace)
    : content_length_(content_length),
      capacity_(std::max<size_t>(capacity, 1)),
      pace_(pace),
      last_write_(std::chrono::steady_clock::now()),
      last_read_(last_write_) {}

namespace {

absl::Status TooSlow(const char* why) {
  return status::WithDetail(absl::DeadlineExceededError(why), "request_timeout");
}

}  // namespace

void BodyPipe::OnFirstRead(std::function<void()> hook) {
  std::lock_guard lock(mu_);
  first_read_ = std::move(hook);
}

absl::StatusOr<std::string> BodyPipe::Read(size_t max) {
  std::unique_lock lock(mu_);
  if (first_read_) {
    auto hook = std::exchange(first_read_, nullptr);
    lock.unlock();
    hook();
    lock.lock();
  }
  if (refused_) return writer_error_;
  if (!started_) {
    // The clocks start now: time spent queued for a worker is not the client's.
    started_ = std::chrono::steady_clock::now();
    last_write_ = last_read_ = *started_;
  }
  for (;;) {
    if (read_ == content_length_ && head_ == buf_.size()) return std::string();
    if (head_ != buf_.size()) break;  // bytes wait: the client is not what is slow
    if (!writer_error_.ok()) return writer_error_;
    const auto now = std::chrono::steady_clock::now();
    const auto slow_at = pace_.RateDeadline(*started_, read_);
    if (now >= slow_at) return TooSlow("the request body arrives too slowly; send it faster");
    const auto until = last_write_ + pace_.idle_timeout;
    if (now >= until) return TooSlow("the request body stopped arriving; send it at once");
    readable_.wait_until(lock, std::min(until, slow_at));
  }
  const size_t n = std::min(max, buf_.size() - head_);
  std::string out = buf_.substr(head_, n);
  head_ += n;
  read_ += n;
  if (head_ == buf_.size()) {
    buf_.clear();
    head_ = 0;
  }
  last_read_ = std::chrono::steady_clock::now();
  lock.unlock();
  writable_.notify_all();
  return out;
}

BodyPipe::WriteResult BodyPipe::Write(std::string_view bytes) {
  std::unique_lock lock(mu_);
  std::optional<std::chrono::steady_clock::time_point> waiting_since;  // before a first Read
  while (!bytes.empty()) {
    if (abandoned_) return WriteResult::kAbandoned;
    const size_t unread = buf_.size() - head_;
    if (unread >= capacity_) {
      // Full: wait for the reader, at most idle_timeout after it last took something; while it
      // has not started, at most first_read_wait (this blocks every connection of the I/O
      // thread, and a queued job may start much later).
      if (!started_ && !waiting_since) waiting_since = std::chrono::steady_clock::now();
      const auto until =
          started_ ? last_read_ + pace_.idle_timeout : *waiting_since + pace_.first_read_wait;
      if (std::chrono::steady_clock::now() >= until) {
        if (started_) {
          writer_error_ = status::WithDetail(
              absl::UnavailableError("the upload was not taken in time; retry shortly"),
              "unavailable");
        } else {
          refused_ = true;  // its reader fails at once, before reading what waits
          writer_error_ = status::WithDetail(
              absl::UnavailableError("the server is busy; retry the upload shortly"), "overloaded");
          buf_.clear();
          buf_.shrink_to_fit();
          head_ = 0;
        }
        lock.unlock();
        readable_.notify_all();
        return WriteResult::kStalled;
      }
      writable_.wait_until(lock, until);
      continue;
    }
    // Compacted once the read part passes half the capacity: amortised, and the buffer stays
    // under 1.5 x capacity.
    if (head_ >= capacity_ / 2) {
      buf_.erase(0, head_);
      head_ = 0;
    }
    const size_t n = std::min(bytes.size(), capacity_ - unread);
    buf_.append(bytes.data(), n);
    bytes.remove_prefix(n);
    written_ += n;
    high_water_ = std::max(high_water_, buf_.size() - head_);
    last_write_ = std::chrono::steady_clock::now();
    readable_.notify_all();
  }
  return WriteResult::kOk;
}

void BodyPipe::WriterGone() {
  {
    std::lock_guard lock(mu_);
    if (written_ == content_length_ || !writer_error_.ok()) return;
    writer_error_ = absl::CancelledError("the client closed the connection during the upload");
  }
  readable_.notify_all();
}

bool BodyPipe::Abandon() {
  bool complete = false;
  {
    std::lock_guard lock(mu_);
    abandoned_ = true;
    complete = written_ == content_length_;
    buf_.clear();
    buf_.shrink_to_fit();
    head_ = 0;
  }
  writable_.notify_all();
  return complete;
}

size_t BodyPipe::high_water() const {
  std::lock_guard lock(mu_);
  return high_water_;
}

}  // namespace iris::gateway::http
