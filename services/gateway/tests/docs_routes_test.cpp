// GET /docs and its files: served from memory with their type, validators, gzip and the strict
// Content-Security-Policy; a gateway without the files says so.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "services/gateway/middleware/chain.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "tests/support/gunzip.hpp"

namespace iris::gateway {
namespace {

namespace fs = std::filesystem;

// A docs directory laid out as npm ci leaves services/gateway/docs_page.
class DocsRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "iris-docs-XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    const fs::path dist = fs::path(dir_) / "node_modules/swagger-ui-dist";
    fs::create_directories(dist);
    Write(fs::path(dir_) / "index.html", "<!doctype html><title>docs</title>");
    Write(fs::path(dir_) / "docs.js", "SwaggerUIBundle({});");
    Write(fs::path(dir_) / "docs.css", "body { margin: 0 }");
    Write(dist / "swagger-ui-bundle.js", bundle_);
    Write(dist / "swagger-ui.css", ".swagger-ui {}");
    Write(dist / "favicon-32x32.png", "\x89PNG");
  }
  void TearDown() override { fs::remove_all(dir_); }

  static void Write(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }

  http::HttpResponse Send(const DocsPage* page, std::string method, std::string path,
                          std::vector<http::Header> headers = {}) {
    Router router(DocsRoutes(page));
    Chain chain(router, metrics_);
    http::HttpRequest req;
    req.method = std::move(method);
    req.path = std::move(path);
    req.headers = std::move(headers);
    return chain.Handle(req);
  }

  static std::string HeaderOf(const http::HttpResponse& r, std::string_view name) {
    for (const auto& h : r.headers) {
      if (h.name == name) return h.value;
    }
    return "";
  }

  std::string dir_;
  // Big enough to be gzipped.
  const std::string bundle_ = std::string(4096, 'x') + "window.SwaggerUIBundle = 1;";
  iris::metrics::Metrics metrics_{"docs-test"};
};

TEST_F(DocsRoutesTest, ThePageIsHtmlWithAStrictContentSecurityPolicy) {
  auto page = LoadDocsPage(dir_);
  ASSERT_TRUE(page.ok()) << page.status();
  auto r = Send(&*page, "GET", "/docs");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<!doctype html><title>docs</title>");
  EXPECT_EQ(HeaderOf(r, "Content-Type"), "text/html; charset=utf-8");
  const std::string csp = HeaderOf(r, "Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("http"), std::string::npos) << "no other origin: " << csp;
  EXPECT_EQ(HeaderOf(r, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(HeaderOf(r, "Cache-Control"), "public, no-cache");
  EXPECT_EQ(HeaderOf(r, "ETag").front(), '"');
}

TEST_F(DocsRoutesTest, EachFileHasItsTypeAndAnUnknownNameIs404) {
  auto page = LoadDocsPage(dir_);
  ASSERT_TRUE(page.ok()) << page.status();
  const std::pair<std::string, std::string> types[] = {
      {"/docs/docs.js", "text/javascript; charset=utf-8"},
      {"/docs/docs.css", "text/css; charset=utf-8"},
      {"/docs/swagger-ui-bundle.js", "text/javascript; charset=utf-8"},
      {"/docs/swagger-ui.css", "text/css; charset=utf-8"},
      {"/docs/favicon-32x32.png", "image/png"},
  };
  for (const auto& [path, type] : types) {
    auto r = Send(&*page, "GET", path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(HeaderOf(r, "Content-Type"), type) << path;
    EXPECT_FALSE(HeaderOf(r, "Content-Security-Policy").empty()) << path;
  }
  EXPECT_EQ(Send(&*page, "GET", "/docs/swagger-ui-bundle.js").body, bundle_);
  // Only the listed files: not the rest of the directory, nor a way out of it.
  EXPECT_EQ(Send(&*page, "GET", "/docs/index.html").status, 404);
  EXPECT_EQ(Send(&*page, "GET", "/docs/package.json").status, 404);
  EXPECT_EQ(Send(&*page, "GET", "/docs/..%2Fdocs.js").status, 404);
  EXPECT_EQ(Send(&*page, "GET", "/docs/node_modules/swagger-ui-dist/swagger-ui.css").status, 404);
}

TEST_F(DocsRoutesTest, GzippedWhenAcceptedAndRevalidatedWithItsTag) {
  auto page = LoadDocsPage(dir_);
  ASSERT_TRUE(page.ok()) << page.status();
  auto plain = Send(&*page, "GET", "/docs/swagger-ui-bundle.js");
  auto gzipped = Send(&*page, "GET", "/docs/swagger-ui-bundle.js", {{"accept-encoding", "gzip"}});
  EXPECT_EQ(HeaderOf(gzipped, "Content-Encoding"), "gzip");
  EXPECT_EQ(iris::testing::Gunzip(gzipped.body), bundle_);
  EXPECT_EQ(HeaderOf(gzipped, "ETag"), "W/" + HeaderOf(plain, "ETag"));
  EXPECT_NE(HeaderOf(gzipped, "Vary").find("Accept-Encoding"), std::string::npos);
  auto again = Send(&*page, "GET", "/docs/swagger-ui-bundle.js",
                    {{"if-none-match", HeaderOf(plain, "ETag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST_F(DocsRoutesTest, HeadAnswersAsGet) {
  auto page = LoadDocsPage(dir_);
  ASSERT_TRUE(page.ok()) << page.status();
  auto r = Send(&*page, "HEAD", "/docs");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(HeaderOf(r, "Content-Type"), "text/html; charset=utf-8");
}

TEST_F(DocsRoutesTest, WithoutTheFilesTheGatewaySaysTheyAreNotInstalled) {
  auto none = LoadDocsPage("");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->installed());
  for (const DocsPage* page : std::vector<const DocsPage*>{&*none, nullptr}) {
    auto r = Send(page, "GET", "/docs");
    EXPECT_EQ(r.status, 404);
    EXPECT_NE(nlohmann::json::parse(r.body)["detail"].get<std::string>().find("IRIS_DOCS_DIR"),
              std::string::npos)
        << r.body;
  }
  fs::remove(fs::path(dir_) / "node_modules/swagger-ui-dist/swagger-ui.css");
  auto broken = LoadDocsPage(dir_);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("swagger-ui.css"), std::string::npos) << broken.status();
}

}  // namespace
}  // namespace iris::gateway
