// Starts real processes for gRPC and end-to-end tests, and never leaves them running.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace iris::testing {

class ChildProcess {
 public:
  // Starts `path` with `args`, the current environment plus `env` (NAME=value), stdout and
  // stderr appended to `log_file`.
  ChildProcess(std::string path, std::vector<std::string> args,
               std::vector<std::pair<std::string, std::string>> env, std::string log_file);
  ~ChildProcess();  // SIGKILL if still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool Running();
  void Signal(int sig);
  // Waits for exit; returns the exit status (or 128+signal), or -1 on timeout.
  int Wait(std::chrono::milliseconds timeout);
  const std::string& log_file() const { return log_file_; }
  std::string LogTail(size_t bytes = 4000) const;

 private:
  pid_t pid_ = -1;
  int exit_code_ = -1;
  std::string log_file_;
};

// Polls `probe` until it returns true or `timeout` passes.
template <typename F>
bool Eventually(F&& probe, std::chrono::milliseconds timeout,
                std::chrono::milliseconds step = std::chrono::milliseconds(50));

}  // namespace iris::testing

#include <thread>

namespace iris::testing {
template <typename F>
bool Eventually(F&& probe, std::chrono::milliseconds timeout, std::chrono::milliseconds step) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (probe()) return true;
    if (std::chrono::steady_clock::now() >= end) return false;
    std::this_thread::sleep_for(step);
  }
}
}  // namespace iris::testing
