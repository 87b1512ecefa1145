#include "services/gateway/http/tests/test_client.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <thread>

#include <curl/curl.h>

namespace iris::gateway::http::test {

HttpResponse Json(std::string body) {
  return {200, {{"Content-Type", "application/json"}}, std::move(body), nullptr};
}

std::unique_ptr<Server> StartServer(Handler handler, ServerOptions options,
                                    NonBlockingHandler non_blocking) {
  options.host = "127.0.0.1";
  options.port = 0;
  auto server = std::make_unique<Server>(options, std::move(handler), std::move(non_blocking));
  const absl::Status started = server->Start();
  EXPECT_TRUE(started.ok()) << started;
  return server;
}
namespace {

using Clock = std::chrono::steady_clock;

size_t CollectBody(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

size_t CollectHeader(char* data, size_t size, size_t n, void* out) {
  std::string line(data, size * n);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of("\r\n ") + 1);
    static_cast<Reply*>(out)->headers.emplace(name, value);
  }
  return size * n;
}

}  // namespace

std::string Reply::Header(const std::string& lower) const {
  auto it = headers.find(lower);
  return it == headers.end() ? "" : it->second;
}

Reply Fetch(int port, const std::string& method, const std::string& target,
            const std::vector<std::string>& headers, const std::string& body, long timeout_ms) {
  // Idempotent; harmless when called per request from several threads after the first.
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  Reply reply;
  if (!initialised) {
    reply.error = "curl_global_init failed";
    return reply;
  }
  CURL* curl = curl_easy_init();
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + target;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_slist* list = curl_slist_append(nullptr, "Expect:");  // Pistache never sends 100
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  if (!body.empty()) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, CollectBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, CollectHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &reply);
  const auto start = Clock::now();
  const CURLcode rc = curl_easy_perform(curl);
  reply.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  if (rc != CURLE_OK) reply.error = curl_easy_strerror(rc);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return reply;
}

RawConnection::RawConnection(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
}

RawConnection::~RawConnection() { ::close(fd_); }

bool RawConnection::Send(const std::string& data) {
  return ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(data.size());
}

std::string RawConnection::ReadResponse(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    const auto head_end = buffer_.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      const std::string value = HeaderOf(buffer_.substr(0, head_end + 2), "content-length");
      const size_t length = value.empty() ? 0 : std::stoul(value);
      if (buffer_.size() >= head_end + 4 + length) {
        std::string response = buffer_.substr(0, head_end + 4 + length);
        buffer_.erase(0, head_end + 4 + length);
        return response;
      }
    }
    if (!Fill(deadline)) return "";
  }
}

std::string RawConnection::ReadHead(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    const auto head_end = buffer_.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      std::string head = buffer_.substr(0, head_end + 4);
      buffer_.erase(0, head_end + 4);
      return head;
    }
    if (!Fill(deadline)) return "";
  }
}

bool RawConnection::ClosedByServer(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Fill(deadline)) {
  }
  return eof_;
}

bool RawConnection::Fill(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  if (left.count() <= 0 || eof_) return false;
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
  char chunk[4096];
  const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n <= 0) {
    eof_ = true;
    return false;
  }
  buffer_.append(chunk, static_cast<size_t>(n));
  return true;
}

std::string HeaderOf(const std::string& raw_response, const std::string& lower_name) {
  size_t pos = raw_response.find("\r\n");  // skip the status line
  while (pos != std::string::npos) {
    const size_t start = pos + 2;
    const size_t end = raw_response.find("\r\n", start);
    if (end == std::string::npos || end == start) break;  // end of the head
    const std::string line = raw_response.substr(start, end - start);
    const size_t colon = line.find(':');
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (colon != std::string::npos && name == lower_name) {
      const size_t value = line.find_first_not_of(' ', colon + 1);
      return value == std::string::npos ? "" : line.substr(value);
    }
    pos = end;
  }
  return "";
}

bool IsUuidV4(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    const bool hex = (s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f');
    if (dash ? s[i] != '-' : !hex) return false;
  }
  return s[14] == '4' && (s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b');
}

bool WaitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return condition();
}

}  // namespace iris::gateway::http::test
