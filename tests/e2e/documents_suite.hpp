// The fixture of documents' end-to-end suites: a System with a member of the suite's own
// organisation (RS), a member of another organisation (BA), national coordinators of RS and BA,
// a document body to start from, verbs, versions and raw file uploads and downloads, words of
// this run only (in Latin and Serbian Cyrillic, so a search finds this run's documents alone),
// and a small real PDF.
#pragma once

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdio>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "libs/values/sha256.hpp"
#include "tests/e2e/api_client.hpp"
#include "tests/e2e/e2e_suite.hpp"
#include "tests/e2e/system.hpp"
#include "tests/support/http_client.hpp"

namespace iris::testing {

using namespace std::chrono_literals;
using nlohmann::json;

class DocumentsE2eTest : public E2eSuite {
 protected:
  static void SetUpDocuments(const std::string& prefix,
                             std::vector<std::pair<std::string, std::string>> gateway_env = {}) {
    Start(prefix, std::move(gateway_env));
    other_org_ = CreateOrg(prefix + " other " + token_, "BA");
    member_ = SignedIn("member", {{"organization_id", org_}}, "m");
    other_member_ = SignedIn("member", {{"organization_id", other_org_}}, "om");
    coordinator_rs_ = SignedIn("national_coordinator", {{"country", "RS"}}, "crs");
    coordinator_ba_ = SignedIn("national_coordinator", {{"country", "BA"}}, "cba");
  }
  static void SetUpTestSuite() { SetUpDocuments("Documents"); }
  static void TearDownTestSuite() { Stop(); }

  // A national (RS) shadow report of the suite's organisation.
  static json NewDocument(const std::string& title, const json& countries = {"RS"}) {
    return {{"kind", "shadow_report"},
            {"title", {{"en", title}}},
            {"summary", {{"en", "Chapter 24: migration and asylum, seen by civil society."}}},
            {"countries", countries},
            {"topics", {"migration", "social-services"}},
            {"languages", {"en"}},
            {"organization_ids", {org_}},
            {"authors", {"Ana Marković"}}};
  }

  static json Create(const std::string& who, const json& body) {
    return CreatedAt(who, "/v1/documents", body);
  }
  static HttpResult Verb(const std::string& who, const std::string& id, const std::string& verb,
                         const std::string& if_match = "") {
    return PostVerb(who, "/v1/documents/" + id, verb, if_match);
  }
  static HttpResult NewVersion(const std::string& who, const std::string& id,
                               const std::string& note = "") {
    json body = json::object();
    if (!note.empty()) body["change_note"] = note;
    return As(who, "POST", "/v1/documents/" + id + "/versions", body.dump());
  }
  static std::string FilePath(const std::string& id, int version, const std::string& name) {
    return "/v1/documents/" + id + "/versions/" + std::to_string(version) + "/files/" + name;
  }
  // PUT of raw bytes (curl sends Content-Length; no Expect: 100-continue wait).
  static HttpResult Put(const std::string& who, const std::string& id, int version,
                        const std::string& name, const std::string& bytes,
                        const std::string& content_type = "application/octet-stream") {
    Headers headers{{"Content-Type", content_type}, {"Expect", ""}};
    if (!who.empty()) headers.emplace_back("Authorization", who);
    return HttpRequest("PUT", system_->Url(FilePath(id, version, name)), bytes, headers, 60s);
  }
  static HttpResult Download(const std::string& who, const std::string& path, Headers headers = {},
                             const std::string& method = "GET") {
    if (!who.empty()) headers.emplace_back("Authorization", who);
    return HttpRequest(method, system_->Url(path), "", headers, 60s);
  }

  // A document of `who` with version 1 holding one text file, submitted and published by the
  // admin; its JSON as published.
  static json Published(const std::string& who, const json& body,
                        const std::string& text = "Plain text of the main file.") {
    const json d = Create(who, body);
    const std::string id = d.value("id", "");
    EXPECT_EQ(NewVersion(who, id).status, 201);
    EXPECT_EQ(Put(who, id, 1, "main.txt", text, "text/plain").status, 201);
    auto submitted = Verb(who, id, "submit");
    EXPECT_EQ(submitted.status, 200) << submitted.body;
    auto published = Verb(admin_, id, "publish");
    EXPECT_EQ(published.status, 200) << published.body;
    return Parse(published);
  }

  // Ids of a list answer's items.
  static std::set<std::string> Ids(const HttpResult& r) {
    std::set<std::string> out;
    const json page = Parse(r);  // kept: a loop over a temporary's member would dangle
    for (const auto& item : page.value("items", json::array())) {
      out.insert(item.value("id", ""));
    }
    return out;
  }

  // A word of this run only, in Latin letters that each have one Serbian Cyrillic letter, and
  // the same word in Cyrillic: iris_fold folds the Cyrillic onto the Latin. `salt` makes
  // several words of one run.
  static std::pair<std::string, std::string> UniqueWord(const std::string& salt) {
    static const char* kLatin[] = {"a", "b", "v", "g", "d", "e", "z", "i", "j", "k",
                                   "l", "m", "n", "o", "p", "r", "s", "t", "u", "f"};
    static const char* kCyrillic[] = {"а", "б", "в", "г", "д", "е", "з", "и", "ј", "к",
                                      "л", "м", "н", "о", "п", "р", "с", "т", "у", "ф"};
    std::mt19937_64 rng(std::hash<std::string>{}(token_ + "/" + salt));
    std::string latin, cyrillic;
    for (int i = 0; i < 12; ++i) {
      const size_t k = rng() % 20;
      latin += kLatin[k];
      cyrillic += kCyrillic[k];
    }
    return {latin, cyrillic};
  }

  // `n` bytes that do not repeat in any short period (a byte-exact comparison means something).
  static std::string RandomBytes(size_t n, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::string out(n, '\0');
    for (size_t i = 0; i < n; i += 8) {
      const uint64_t v = rng();
      for (size_t j = 0; j < 8 && i + j < n; ++j) out[i + j] = static_cast<char>(v >> (8 * j));
    }
    return out;
  }

  // A small valid PDF 1.4 whose one page shows `text` (ASCII) in Helvetica: poppler extracts it.
  static std::string Pdf(const std::string& text) {
    const std::string content = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
    const std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R "
        ">> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream"};
    std::string pdf = "%PDF-1.4\n";
    std::vector<size_t> offsets;
    for (size_t i = 0; i < objects.size(); ++i) {
      offsets.push_back(pdf.size());
      pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (size_t off : offsets) {
      char line[32];
      std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
      pdf += line;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
           " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
  }

  // Raw bytes to the gateway and the status of its answer (0: none): for requests curl will
  // not send as they are (a chunked upload, a Content-Length promising more than is sent).
  static long RawStatus(const std::string& request) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return 0;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(system_->http_port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval timeout{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    long status = 0;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
            static_cast<ssize_t>(request.size())) {
      std::string answer;
      char buf[4096];
      ssize_t n;
      while (answer.find("\r\n") == std::string::npos && (n = ::recv(fd, buf, sizeof buf, 0)) > 0) {
        answer.append(buf, static_cast<size_t>(n));
      }
      if (answer.rfind("HTTP/1.", 0) == 0 && answer.size() >= 12) {  // 1.1, or 1.0 to 1.0
        status = std::stol(answer.substr(9, 3));
      }
    }
    ::close(fd);
    return status;
  }

  static inline std::string other_org_, member_, other_member_, coordinator_rs_, coordinator_ba_;
};

}  // namespace iris::testing
