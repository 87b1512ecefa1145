// A document's files through the gateway, as raw bytes both ways: a multi-MiB upload comes back
// byte for byte with its SHA-256 as ETag; If-None-Match is 304; a Range is 206 with
// Content-Range and exactly those bytes, past the end 416; HEAD has the headers only; an upload
// without Content-Length is 411 and one above IRIS_MAX_UPLOAD_BYTES 413 before its body is
// read; versions are immutable (a new version leaves the old bytes and hash as they were).
#include "tests/e2e/documents_suite.hpp"

namespace iris::testing {
namespace {

// Low for this suite, so a 413 needs no 50 MiB body.
constexpr size_t kUploadLimit = 8 * 1024 * 1024;

class DocumentFilesE2eTest : public DocumentsE2eTest {
 protected:
  static void SetUpTestSuite() {
    SetUpDocuments("Document files", {{"IRIS_MAX_UPLOAD_BYTES", std::to_string(kUploadLimit)}});
  }
  static void TearDownTestSuite() { Stop(); }

  // A draft of the suite's organisation with an empty version 1; its id.
  static std::string DraftWithVersion(const std::string& title) {
    const json d = Create(member_, NewDocument(title + " " + token_));
    const std::string id = d.value("id", "");
    EXPECT_EQ(NewVersion(member_, id).status, 201);
    return id;
  }
};

TEST_F(DocumentFilesE2eTest, AMultiMebibyteFileComesBackByteForByteWithItsSha256) {
  const std::string id = DraftWithVersion("Large");
  const std::string bytes = RandomBytes(3 * 1024 * 1024 + 12345, 42);
  const std::string sha = values::Sha256Hex(bytes);
  auto put = Put(member_, id, 1, "data.bin", bytes);
  ASSERT_EQ(put.status, 201) << put.body;
  const json file = Parse(put);
  EXPECT_EQ(file["name"], "data.bin");
  EXPECT_EQ(file["size"], bytes.size());
  EXPECT_EQ(file["sha256"], sha);
  EXPECT_EQ(file["media_type"], "application/octet-stream");
  EXPECT_EQ(file["position"], 1);
  EXPECT_EQ(file["role"], "main");
  const std::string path = FilePath(id, 1, "data.bin");
  EXPECT_EQ(put.Header("location"), path);

  auto got = Download(member_, path);
  ASSERT_EQ(got.status, 200) << got.body.substr(0, 300);
  EXPECT_EQ(got.body.size(), bytes.size());
  EXPECT_TRUE(got.body == bytes) << "the bytes differ";
  EXPECT_EQ(values::Sha256Hex(got.body), sha);
  EXPECT_EQ(got.Header("etag"), "\"" + sha + "\"");
  EXPECT_EQ(got.Header("accept-ranges"), "bytes");
  EXPECT_EQ(got.Header("content-length"), std::to_string(bytes.size()));
  EXPECT_EQ(got.Header("content-type"), "application/octet-stream");
  EXPECT_EQ(got.Header("content-disposition").rfind("attachment", 0), 0u)
      << got.Header("content-disposition");
  EXPECT_NE(got.Header("content-disposition").find("data.bin"), std::string::npos);
  EXPECT_NE(got.Header("content-security-policy").find("sandbox"), std::string::npos);

  // A draft's file is as hidden as the draft.
  EXPECT_EQ(Download("", path).status, 404);
  EXPECT_EQ(Download(other_member_, path).status, 404);

  // Revalidation: the quoted hash, its weak form and * all match.
  for (const std::string& tag : {"\"" + sha + "\"", "W/\"" + sha + "\"", std::string("*")}) {
    auto again = Download(member_, path, {{"If-None-Match", tag}});
    EXPECT_EQ(again.status, 304) << tag;
    EXPECT_TRUE(again.body.empty());
  }
  EXPECT_EQ(Download(member_, path, {{"If-None-Match", "\"other\""}}).status, 200);

  // HEAD: the same headers, no body.
  auto head = Download(member_, path, {}, "HEAD");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.Header("content-length"), std::to_string(bytes.size()));
  EXPECT_EQ(head.Header("etag"), "\"" + sha + "\"");
}

TEST_F(DocumentFilesE2eTest, RangesAre206WithExactlyThoseBytesAndPastTheEnd416) {
  const std::string id = DraftWithVersion("Ranges");
  const std::string bytes = RandomBytes(700 * 1024 + 3, 7);  // more than two 256 KiB chunks
  ASSERT_EQ(Put(member_, id, 1, "ranges.bin", bytes).status, 201);
  const std::string path = FilePath(id, 1, "ranges.bin");
  const std::string size = std::to_string(bytes.size());

  // Across a chunk boundary.
  auto middle = Download(member_, path, {{"Range", "bytes=262100-262199"}});
  ASSERT_EQ(middle.status, 206) << middle.body.substr(0, 300);
  EXPECT_EQ(middle.Header("content-range"), "bytes 262100-262199/" + size);
  EXPECT_EQ(middle.Header("content-length"), "100");
  EXPECT_TRUE(middle.body == bytes.substr(262100, 100)) << "the range's bytes differ";

  auto tail = Download(member_, path, {{"Range", "bytes=-50"}});
  ASSERT_EQ(tail.status, 206);
  EXPECT_EQ(tail.Header("content-range"), "bytes " + std::to_string(bytes.size() - 50) + "-" +
                                              std::to_string(bytes.size() - 1) + "/" + size);
  EXPECT_TRUE(tail.body == bytes.substr(bytes.size() - 50));

  auto from = Download(member_, path, {{"Range", "bytes=700000-"}});
  ASSERT_EQ(from.status, 206);
  EXPECT_TRUE(from.body == bytes.substr(700000));

  auto beyond = Download(member_, path, {{"Range", "bytes=" + size + "-"}});
  ExpectProblem(beyond, 416);
  EXPECT_EQ(beyond.Header("content-range"), "bytes */" + size);

  // With If-Range the Range is ignored (RFC 9110 §13.1.5 allows it): the whole file, 200.
  auto if_range =
      Download(member_, path, {{"Range", "bytes=0-9"}, {"If-Range", middle.Header("etag")}});
  EXPECT_EQ(if_range.status, 200);
  EXPECT_TRUE(if_range.body == bytes) << "If-Range must give the whole file";
  // HEAD ignores Range: it describes the whole file.
  auto head = Download(member_, path, {{"Range", "bytes=0-9"}}, "HEAD");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.Header("content-length"), size);
  EXPECT_EQ(head.Header("content-range"), "");

  // Several ranges, or a malformed one: ignored (RFC 9110), the whole file.
  for (const char* range : {"bytes=0-1,5-6", "lines=1-2", "bytes=9-3"}) {
    auto whole = Download(member_, path, {{"Range", range}});
    EXPECT_EQ(whole.status, 200) << range;
    EXPECT_EQ(whole.body.size(), bytes.size()) << range;
  }
}

TEST_F(DocumentFilesE2eTest, VersionsAreImmutableOldBytesAndHashStayAsTheyWere) {
  const std::string id = DraftWithVersion("Immutable");
  const std::string first = "First edition of the report.\n";
  const std::string second = "Second edition, corrected.\n";
  auto put1 = Put(member_, id, 1, "report.txt", first, "text/plain");
  ASSERT_EQ(put1.status, 201) << put1.body;
  // A second file is an annex; the same name again replaces it in place (200).
  ASSERT_EQ(Put(member_, id, 1, "annex.txt", "Annex.", "text/plain").status, 201);
  auto replaced = Put(member_, id, 1, "annex.txt", "Annex, fixed.", "text/plain");
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_EQ(Parse(replaced)["position"], 2);
  EXPECT_EQ(Parse(replaced)["role"], "annex");
  ExpectProblem(Put(member_, id, 1, "bad%20name%21", "x"), 422, "name");

  auto v2 = NewVersion(member_, id, "Second edition");
  ASSERT_EQ(v2.status, 201) << v2.body;
  // The first version is sealed: no more files into it.
  auto late = Put(member_, id, 1, "report.txt", second, "text/plain");
  EXPECT_EQ(late.status, 409) << late.body;
  ASSERT_EQ(Put(member_, id, 2, "report.txt", second, "text/plain").status, 201);

  auto old = Download(member_, FilePath(id, 1, "report.txt"));
  ASSERT_EQ(old.status, 200);
  EXPECT_EQ(old.body, first);
  EXPECT_EQ(old.Header("etag"), "\"" + values::Sha256Hex(first) + "\"");
  EXPECT_EQ(old.Header("content-disposition").rfind("inline", 0), 0u);
  auto v1 = As(member_, "GET", "/v1/documents/" + id + "/versions/1");
  ASSERT_EQ(v1.status, 200) << v1.body;
  const json version = Parse(v1);
  EXPECT_EQ(version["sealed"], true);
  ASSERT_EQ(version["files"].size(), 2u) << v1.body;
  EXPECT_EQ(version["files"][0]["name"], "report.txt");
  EXPECT_EQ(version["files"][0]["sha256"], values::Sha256Hex(first));
  EXPECT_EQ(version["files"][1]["name"], "annex.txt");
  EXPECT_EQ(Download(member_, FilePath(id, 2, "report.txt")).body, second);
}

TEST_F(DocumentFilesE2eTest, UploadsNeedContentLengthAndStayUnderTheLimit) {
  const std::string id = DraftWithVersion("Limits");
  const std::string target = FilePath(id, 1, "big.bin");
  const std::string head = "PUT " + target +
                           " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + member_ +
                           "\r\nContent-Type: application/octet-stream\r\n";
  EXPECT_EQ(RawStatus(head + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"), 411);
  // Refused on Content-Length alone, before a byte of the body is sent.
  EXPECT_EQ(RawStatus(head + "Content-Length: " + std::to_string(kUploadLimit + 1) + "\r\n\r\n"),
            413);
  // At the limit it is taken.
  auto at_limit = Put(member_, id, 1, "limit.bin", RandomBytes(kUploadLimit, 3));
  EXPECT_EQ(at_limit.status, 201) << at_limit.body;
  // Nothing was stored of the refused ones.
  EXPECT_EQ(Download(member_, target).status, 404);
  ExpectProblem(Put("", id, 1, "anonymous.bin", "x"), 401);
  ExpectProblem(Put(other_member_, id, 1, "other.bin", "x"), 404);
}

// Black-box finding 1: an upload that is its connection's last request (Connection: close,
// HTTP/1.0) arrives whole, byte for byte.
TEST_F(DocumentFilesE2eTest, AnUploadThatClosesItsConnectionIsStoredWhole) {
  const std::string id = DraftWithVersion("Closing");
  const std::string bytes = RandomBytes(3 * 1024 * 1024, 11);
  auto put = HttpRequest("PUT", system_->Url(FilePath(id, 1, "close.bin")), bytes,
                         {{"Authorization", member_},
                          {"Content-Type", "application/octet-stream"},
                          {"Connection", "close"},
                          {"Expect", ""}},
                         60s);
  ASSERT_EQ(put.status, 201) << put.body;
  auto got = Download(member_, FilePath(id, 1, "close.bin"));
  EXPECT_TRUE(got.body == bytes) << "the bytes differ";

  const std::string http10 = "PUT " + FilePath(id, 1, "http10.bin") +
                             " HTTP/1.0\r\nHost: localhost\r\nAuthorization: " + member_ +
                             "\r\nContent-Length: " + std::to_string(bytes.size()) + "\r\n\r\n";
  EXPECT_EQ(RawStatus(http10 + bytes), 201);
  auto got10 = Download(member_, FilePath(id, 1, "http10.bin"));
  EXPECT_TRUE(got10.body == bytes) << "the bytes differ";
}

// Black-box finding 2: any media type of valid syntax is taken and served as sent; a wildcard is
// stored as application/octet-stream; invalid syntax is 422 on media_type.
TEST_F(DocumentFilesE2eTest, AnyMediaTypeIsStoredAsSent) {
  const std::string id = DraftWithVersion("Media types");
  int n = 0;
  for (const std::string type :
       {"font/woff2", "model/gltf+json", "chemical/x-pdb", "x/y", "text/plain; a"}) {
    const std::string name = "t" + std::to_string(++n) + ".bin";
    auto put = Put(member_, id, 1, name, RandomBytes(5000, n), type);
    ASSERT_EQ(put.status, 201) << type << ": " << put.body;
    EXPECT_EQ(Parse(put)["media_type"], type);
    EXPECT_EQ(Download(member_, FilePath(id, 1, name)).Header("content-type"), type);
  }
  for (const std::string type : {"*/*", ""}) {
    auto put = Put(member_, id, 1, "wild.bin", "x", type);
    ASSERT_LT(put.status, 300) << put.body;
    EXPECT_EQ(Parse(put)["media_type"], "application/octet-stream") << type;
  }
  ExpectProblem(Put(member_, id, 1, "bad.bin", "x", "text/pl@in"), 422, "media_type");
}

// Black-box finding 3: an upload the service refuses (unknown document, sealed version) is
// answered before its body is invited with 100 Continue, so the client never sends it.
TEST_F(DocumentFilesE2eTest, ARefusedUploadIsAnsweredBeforeItsBodyIsInvited) {
  const std::string id = DraftWithVersion("Early");
  auto head = [&](const std::string& target) {
    return "PUT " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + member_ +
           "\r\nContent-Length: 6000000\r\nExpect: 100-continue\r\n\r\n";
  };
  // RawStatus reads the first status line: a 100 would come first.
  EXPECT_EQ(RawStatus(head(FilePath("00000000-0000-4000-8000-000000000000", 1, "a.bin"))), 404);
  ASSERT_EQ(Put(member_, id, 1, "first.bin", "x").status, 201);
  ASSERT_EQ(NewVersion(member_, id).status, 201);
  EXPECT_EQ(RawStatus(head(FilePath(id, 1, "sealed.bin"))), 409);
  // An accepted upload still gets its invitation and is stored.
  auto put = HttpRequest("PUT", system_->Url(FilePath(id, 2, "invited.bin")), "invited",
                         {{"Authorization", member_}, {"Expect", "100-continue"}}, 60s);
  EXPECT_EQ(put.status, 201) << put.body;
  EXPECT_EQ(Download(member_, FilePath(id, 2, "invited.bin")).body, "invited");
}

// Black-box finding 4: a first byte too large for int64 is beyond any file: 416.
TEST_F(DocumentFilesE2eTest, AHugeFirstByteIs416) {
  const std::string id = DraftWithVersion("Huge range");
  ASSERT_EQ(Put(member_, id, 1, "r.bin", "0123456789").status, 201);
  for (const char* range : {"bytes=9223372036854775807-", "bytes=18446744073709551616-"}) {
    auto r = Download(member_, FilePath(id, 1, "r.bin"), {{"Range", range}});
    ExpectProblem(r, 416);
    EXPECT_EQ(r.Header("content-range"), "bytes */10") << range;
  }
  auto to_end =
      Download(member_, FilePath(id, 1, "r.bin"), {{"Range", "bytes=5-99999999999999999999"}});
  EXPECT_EQ(to_end.status, 206);
  EXPECT_EQ(to_end.body, "56789");
}

}  // namespace
}  // namespace iris::testing
