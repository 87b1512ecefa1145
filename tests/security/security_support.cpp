#include "tests/security/security_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <random>
#include <regex>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "absl/strings/ascii.h"
#include "libs/values/base64url.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;
using values::Base64UrlDecode;
using values::Base64UrlEncode;

sockaddr_in Ipv4(const std::string& ip, int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, ip.c_str(), &a.sin_addr);
  return a;
}

// Parses the first answer in `got` into `out`; true once its whole body is there.
bool ParseAnswer(const std::string& got, HttpResult& out) {
  if (got.compare(0, 7, "HTTP/1.") != 0 || got.size() < 12) return false;
  const size_t end = got.find("\r\n\r\n");
  if (end == std::string::npos) return false;
  out.status = std::atol(got.c_str() + 9);
  out.headers.clear();
  size_t line = got.find("\r\n") + 2;
  while (line < end) {
    const size_t next = got.find("\r\n", line);
    const std::string h = got.substr(line, next - line);
    const size_t colon = h.find(':');
    if (colon != std::string::npos) {
      out.headers[absl::AsciiStrToLower(h.substr(0, colon))] =
          std::string(absl::StripAsciiWhitespace(h.substr(colon + 1)));
    }
    line = next + 2;
  }
  const std::string length = out.Header("content-length");
  if (length.empty()) {
    out.body = got.substr(end + 4);
    return false;  // complete only when the server closes
  }
  const size_t n = std::strtoul(length.c_str(), nullptr, 10);
  out.body = got.substr(end + 4, n);
  return got.size() >= end + 4 + n;
}

const EVP_MD* Digest(Hmac h) {
  switch (h) {
    case Hmac::kSha256: return EVP_sha256();
    case Hmac::kSha384: return EVP_sha384();
    case Hmac::kSha512: return EVP_sha512();
  }
  return EVP_sha256();
}

void CollectSecretKeys(const json& node, const std::string& path, std::vector<std::string>& out) {
  static const char* kSecretWords[] = {"password", "hash",          "secret",       "salt",
                                       "private",  "refresh_token", "status_token", "access_token"};
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      const std::string lower = absl::AsciiStrToLower(key);
      const std::string at = path.empty() ? key : path + "." + key;
      // A time about a secret (password_changed_at) is not the secret.
      const bool instant = lower.size() > 3 && lower.compare(lower.size() - 3, 3, "_at") == 0;
      for (const char* word : kSecretWords) {
        if (!instant && lower.find(word) != std::string::npos) out.push_back(at);
      }
      CollectSecretKeys(value, at, out);
    }
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) {
      CollectSecretKeys(node[i], path + "[" + std::to_string(i) + "]", out);
    }
  }
}

}  // namespace

std::string UniqueLoopbackAddress() {
  std::mt19937 rng(std::random_device{}() ^ static_cast<unsigned>(::getpid()));
  // 127.1.0.0/16 and up: never 127.0.0.1, and 2^23 choices keep two runs apart.
  return "127." + std::to_string(1 + rng() % 254) + "." + std::to_string(rng() % 256) + "." +
         std::to_string(1 + rng() % 254);
}

std::string RawRequest(const std::string& method, const std::string& target, const Headers& headers,
                       const std::string& body) {
  std::string out = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [name, value] : headers) out += name + ": " + value + "\r\n";
  if (!body.empty()) out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += "Connection: close\r\n\r\n" + body;
  return out;
}

HttpResult SendRaw(int port, const std::string& bytes, const std::string& source_ip,
                   std::chrono::milliseconds timeout, bool* closed_by_server) {
  HttpResult r;
  if (closed_by_server != nullptr) *closed_by_server = false;
  const auto start = std::chrono::steady_clock::now();
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return r;
  // Short receive slices, so the whole exchange ends at `timeout` however the server trickles.
  timeval slice{0, 200 * 1000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &slice, sizeof slice);
  timeval send_limit{static_cast<time_t>(timeout.count() / 1000), 0};
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &send_limit, sizeof send_limit);
  const sockaddr_in local = Ipv4(source_ip, 0);
  const sockaddr_in server = Ipv4("127.0.0.1", port);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0 ||
      ::connect(fd, reinterpret_cast<const sockaddr*>(&server), sizeof server) != 0) {
    ::close(fd);
    return r;
  }
  // The server may answer and close before everything is sent (a 431 at the limit): stop
  // sending then, and read what it said.
  for (size_t sent = 0; sent < bytes.size();) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string got;
  char buf[16384];
  while (std::chrono::steady_clock::now() - start < timeout) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
      if (closed_by_server != nullptr) *closed_by_server = true;
      break;
    }
    if (n > 0) {
      got.append(buf, static_cast<size_t>(n));
      if (ParseAnswer(got, r)) break;
    }
  }
  ParseAnswer(got, r);
  ::close(fd);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

std::string SignJwt(const json& header, const json& claims, const std::string& key, Hmac hmac) {
  const std::string input = Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(claims.dump());
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(Digest(hmac), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &len);
  return input + "." + Base64UrlEncode(std::string(reinterpret_cast<const char*>(mac), len));
}

std::string UnsignedJwt(const json& header, const json& claims, const std::string& signature) {
  return Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(claims.dump()) + "." + signature;
}

json JwtClaimsOf(const std::string& token) {
  const size_t a = token.find('.');
  const size_t b = a == std::string::npos ? a : token.find('.', a + 1);
  if (b == std::string::npos) return nullptr;
  const auto text = Base64UrlDecode(token.substr(a + 1, b - a - 1));
  return text ? json::parse(*text, nullptr, false) : json(nullptr);
}

json GatewayJwtHeader() { return {{"alg", "HS256"}, {"typ", "JWT"}, {"kid", "k1"}}; }

json GatewayJwtClaims(const std::string& subject, const std::string& role,
                      const std::string& organization_id, const std::string& country) {
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  return {{"iss", "iris"},          {"aud", "iris-api"},  {"sub", subject}, {"role", role},
          {"org", organization_id}, {"country", country}, {"iat", now},     {"exp", now + 600}};
}

OpenApi OpenApi::Served(const System& system) {
  OpenApi api;
  const auto r = HttpRequest("GET", system.Url("/v1/openapi.json"));
  api.doc_ = json::parse(r.body, nullptr, false);
  if (!api.doc_.is_object()) return api;
  static const char* kMethods[] = {"get", "post", "put", "patch", "delete"};
  for (const auto& [path, item] : api.doc_["paths"].items()) {
    for (const char* method : kMethods) {
      if (!item.contains(method)) continue;
      const json& op = item[method];
      Operation o;
      o.method = absl::AsciiStrToUpper(method);
      o.path = path;
      for (const auto& p : item.value("parameters", json::array())) {
        o.params.push_back(api.Resolve(p));
      }
      for (const auto& p : op.value("parameters", json::array())) {
        o.params.push_back(api.Resolve(p));
      }
      if (op.contains("requestBody")) {
        o.has_body = true;
        const json& body = api.Resolve(op["requestBody"]);
        const json content = body.value("content", json::object());
        if (content.contains("application/json")) {
          o.request_schema = content["application/json"].value("schema", json());
        }
      }
      for (const auto& requirement : op.value("security", json::array())) {
        if (!requirement.empty()) o.needs_credentials = true;
      }
      api.operations_.push_back(std::move(o));
    }
  }
  return api;
}

const json& OpenApi::Resolve(const json& node) const {
  const json* at = &node;
  for (int hops = 0; hops < 16 && at->is_object() && at->contains("$ref"); ++hops) {
    const std::string ref = (*at)["$ref"].get<std::string>();
    at = &doc_.at(json::json_pointer(ref.substr(1)));
  }
  return *at;
}

std::string FillPath(const std::string& path, const std::string& value) {
  static const std::regex kParam(R"(\{[^}]+\})");
  return std::regex_replace(path, kParam, value);
}

std::vector<std::string> LeaksIn(const std::string& text) {
  // Lower-case signs of what only the implementation knows. A problem's own words (titles,
  // field names, "the membership service did not answer") contain none of them.
  static const char* kSigns[] = {
      "pqxx",           "postgres",    "sqlstate",     "syntax error",     "duplicate key",
      "violates",       "relation \"", "select ",      "insert into",      "grpc",
      "ipv4:",          "ipv6:",       "127.0.0.1",    "localhost",        "connection refused",
      "connect to all", ".cpp",        ".hpp",         "/work/",           "/usr/",
      "/tmp/",          "std::",       "what():",      "terminate called", "exception",
      "traceback",      "stack trace", "nlohmann",     "protobuf",         "absl",
      "pistache",       "libcurl",     "segmentation", "hiredis",          "redis"};
  static const std::regex kTable(R"(\bmembership\.[a-z_]+)");
  static const std::regex kAddress(R"(0x[0-9a-f]{6,})");
  std::vector<std::string> found;
  const std::string lower = absl::AsciiStrToLower(text);
  for (const char* sign : kSigns) {
    if (lower.find(sign) != std::string::npos) found.push_back(sign);
  }
  std::smatch m;
  if (std::regex_search(lower, m, kTable)) found.push_back(m.str());
  if (std::regex_search(lower, m, kAddress)) found.push_back(m.str());
  return found;
}

std::vector<std::string> SecretKeysIn(const json& doc) {
  std::vector<std::string> out;
  CollectSecretKeys(doc, "", out);
  return out;
}

}  // namespace iris::testing
