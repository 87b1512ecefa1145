// The file use cases against Postgres: upload, replace, sealed and published versions, who may,
// limits, a stream that breaks its header's promise, the text searchable once PutFile returns,
// downloads with ranges and If-None-Match.
#include <gtest/gtest.h>

#include <latch>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "libs/values/sha256.hpp"
#include "services/documents/tests/file_db_fixture.hpp"

namespace iris::documents {
namespace {

using absl::StatusCode;

class FileUseCaseDbTest : public FileDbTest {
 protected:
  explicit FileUseCaseDbTest(app::FileLimits limits = {}) : FileDbTest(limits) {}

  // Whether `column` (search_all, search_public) of the document matches `q` as search does.
  bool Matches(const std::string& doc, const std::string& column, const std::string& q) {
    return Text("SELECT (" + column + " @@ websearch_to_tsquery('simple', public.iris_fold('" + q +
                "')))::text FROM documents.documents WHERE id = '" + doc + "'") == "true";
  }
  int Outbox(const std::string& doc) {
    return Number(
        "SELECT count(*) FROM documents.outbox WHERE type = 'documents.file.uploaded' "
        "AND subject_id = '" +
        doc + "'");
  }
  // Chunks anywhere holding exactly these bytes (a chunk-sized, seed-unique piece).
  int ChunksHolding(const std::string& bytes) {
    return Number("SELECT count(*) FROM documents.blob_chunks WHERE sha256(data) = decode('" +
                  values::Sha256Hex(bytes) + "', 'hex')");
  }
  app::FileDownloadRequest Req(const std::string& doc, int version, const std::string& name) {
    return {.document_id = doc, .version = version, .name = name};
  }

  const std::string org_ = ActiveOrg();
  const identity::Caller member_ = MemberOf(org_);
};

TEST_F(FileUseCaseDbTest, AnUploadIsStoredRecordedAndItsPdfTextSearchableAtOnce) {
  const std::string doc = DraftWithVersion(org_);
  const std::string pdf = DataFile("two_pages.pdf");
  auto put = Put(member_, doc, 1, "guide.pdf", pdf, "application/pdf", -1, 100);
  ASSERT_TRUE(put.ok()) << put.status();
  EXPECT_TRUE(put->created);
  EXPECT_EQ(put->file.name, "guide.pdf");
  EXPECT_EQ(put->file.position, 1);
  EXPECT_EQ(put->file.size, static_cast<int64_t>(pdf.size()));
  EXPECT_EQ(put->file.sha256, values::Sha256Hex(pdf));
  EXPECT_EQ(put->file.media_type, "application/pdf");

  // Found by a word of its second page, folded (case), in what editors search; not yet public.
  EXPECT_TRUE(Matches(doc, "search_all", "KRAGUJEVAC"));
  EXPECT_TRUE(Matches(doc, "search_all", "referral migrants"));
  EXPECT_FALSE(Matches(doc, "search_public", "kragujevac"));
  EXPECT_EQ(Outbox(doc), 1);
  EXPECT_EQ(Number("SELECT count(*) FROM documents.audit_log WHERE subject_id = '" + doc +
                   "' AND action = 'upload_file'"),
            1);

  auto bytes = Get(Admin(), Req(doc, 1, "guide.pdf"));
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ(*bytes, pdf);
  // A draft is not there for others.
  EXPECT_EQ(Get(Anonymous(), Req(doc, 1, "guide.pdf")).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Get(MemberOf(NewId()), Req(doc, 1, "guide.pdf")).status().code(),
            StatusCode::kNotFound);
}

TEST_F(FileUseCaseDbTest, PlainTextInCyrillicIsFoundInLatin) {
  const std::string doc = DraftWithVersion(org_);
  ASSERT_TRUE(
      Put(member_, doc, 1, "notes.txt", "Социјалне услуге у Крагујевцу\n", "text/plain").ok());
  EXPECT_TRUE(Matches(doc, "search_all", "socijalne usluge"));
  EXPECT_TRUE(Matches(doc, "search_all", "Крагујевцу"));
}

TEST_F(FileUseCaseDbTest, TextsAtTheirCapStillIndexWithoutOverflowingTheVector) {
  // A tsvector holds at most 1 MB of lexemes and positions: two files of 512 KiB of distinct
  // 32-character words each would pass it if the search statement took all their text.
  const std::string doc = DraftWithVersion(org_);
  for (int file = 0; file < 2; ++file) {
    std::string words;
    for (int i = 0; words.size() < 512 * 1024; ++i) {
      words += values::Sha256Hex(std::to_string(file) + ":" + std::to_string(i)).substr(0, 32);
      words += ' ';
    }
    auto put = Put(member_, doc, 1, "ids" + std::to_string(file) + ".txt", words, "text/plain");
    ASSERT_TRUE(put.ok()) << put.status();
  }
  EXPECT_TRUE(Matches(doc, "search_all", values::Sha256Hex("0:0").substr(0, 32)));
}

TEST_F(FileUseCaseDbTest, ReplacingKeepsThePositionAndDropsTheOldBytes) {
  const std::string doc = DraftWithVersion(org_);
  ASSERT_TRUE(Put(member_, doc, 1, "report.pdf", TestBytes(1000, 1)).ok());
  auto annex = Put(member_, doc, 1, "annex-1.txt", "first annex", "");
  ASSERT_TRUE(annex.ok()) << annex.status();
  EXPECT_EQ(annex->file.position, 2);
  EXPECT_EQ(annex->file.media_type, "application/octet-stream");  // none sent
  const std::string old_blob =
      Text("SELECT blob_id::text FROM documents.files WHERE document_id = '" + doc +
           "' AND name = 'report.pdf'");

  const std::string replacement = TestBytes(700000, 2);
  auto again = Put(member_, doc, 1, "report.pdf", replacement);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->file.position, 1);
  EXPECT_EQ(again->file.sha256, values::Sha256Hex(replacement));
  EXPECT_EQ(Number("SELECT count(*) FROM documents.blobs WHERE id = '" + old_blob + "'"), 0);
  EXPECT_EQ(Number("SELECT count(*) FROM documents.files WHERE document_id = '" + doc + "'"), 2);
  EXPECT_EQ(*Get(member_, Req(doc, 1, "report.pdf")), replacement);
}

TEST_F(FileUseCaseDbTest, AnOldVersionStaysAsItWasAfterANewOne) {
  const std::string doc = DraftWithVersion(org_);
  const std::string v1 = TestBytes(300000, 11);
  ASSERT_TRUE(Put(member_, doc, 1, "report.pdf", v1).ok());
  Publish(doc);
  // Published: sealed for everyone, even a network admin.
  auto sealed = Put(Admin(), doc, 1, "report.pdf", TestBytes(10, 12));
  EXPECT_EQ(sealed.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Reason(sealed.status()), "invalid_transition");

  // A revision: version 2 takes files, version 1 keeps its bytes and hash.
  ASSERT_EQ(NewVersion(doc), 2);
  const std::string v2 = TestBytes(300000, 13);
  auto put2 = Put(member_, doc, 2, "report.pdf", v2);
  ASSERT_TRUE(put2.ok()) << put2.status();
  EXPECT_TRUE(put2->created);
  app::FileDownload head;
  auto old = Get(Anonymous(), Req(doc, 1, "report.pdf"), &head);
  ASSERT_TRUE(old.ok()) << old.status();
  EXPECT_EQ(*old, v1);
  EXPECT_EQ(head.file.sha256, values::Sha256Hex(v1));
  // The unpublished revision is the editors' until it is published.
  EXPECT_EQ(Get(Anonymous(), Req(doc, 2, "report.pdf")).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(*Get(member_, Req(doc, 2, "report.pdf")), v2);

  // Once version 3 exists, version 2 is sealed too, published or not.
  ASSERT_EQ(NewVersion(doc), 3);
  auto late = Put(member_, doc, 2, "annex.pdf", "late");
  EXPECT_EQ(Reason(late.status()), "invalid_transition");
}

TEST_F(FileUseCaseDbTest, OnlyEditorsUploadAndOthersLearnNothing) {
  const std::string doc = DraftWithVersion(org_);
  EXPECT_EQ(Put(MemberOf(NewId()), doc, 1, "a.pdf", "x").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Put(Anonymous(), doc, 1, "a.pdf", "x").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Put(member_, NewId(), 1, "a.pdf", "x").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Put(member_, "nonsense", 1, "a.pdf", "x").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Put(member_, doc, 2, "a.pdf", "x").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(Put(Admin(), doc, 1, "a.pdf", "x").ok());

  // A published document is seen by all; readers who may not revise it are refused.
  Publish(doc);
  NewVersion(doc);
  EXPECT_EQ(Put(MemberOf(NewId()), doc, 2, "a.pdf", "x").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_TRUE(Put(member_, doc, 2, "a.pdf", "x").ok());

  ASSERT_TRUE(documents_.Act(Admin(), doc, DocumentVerb::kArchive, "", 0).ok());
  EXPECT_EQ(Reason(Put(Admin(), doc, 2, "a.pdf", "x").status()), "invalid_transition");
}

TEST_F(FileUseCaseDbTest, BadNamesAndMediaTypesAre422BeforeAnyByte) {
  const std::string doc = DraftWithVersion(org_);
  auto bad = Put(member_, doc, 1, "../etc/passwd", "x", "text/plain\r\nX: y");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  const auto detail = status::DetailOf(bad.status());
  ASSERT_EQ(detail.errors_size(), 2);
  EXPECT_EQ(detail.errors(0).field(), "name");
  EXPECT_EQ(detail.errors(1).field(), "media_type");
  EXPECT_EQ(Put(member_, doc, 1, std::string(129, 'a'), "x").status().code(),
            StatusCode::kInvalidArgument);
  // RFC 9110 media-type syntax: token/token, then parameters; at most 255 characters.
  for (const std::string& type :
       std::vector<std::string>{"text", "/plain", "text/", "te xt/plain", "text/pl@in",
                                "text/plain\x01", "a/" + std::string(254, 'b')}) {
    auto refused = Put(member_, doc, 1, "t.bin", "x", type);
    EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument) << type;
    EXPECT_EQ(status::DetailOf(refused.status()).errors(0).field(), "media_type") << type;
  }
  for (const std::string type : {"font/woff2", "model/gltf+json", "chemical/x-pdb", "x/y",
                                 "text/plain; a", "text/plain; charset=\"utf-8\""}) {
    auto put = Put(member_, doc, 1, "t.bin", "x", type);
    ASSERT_TRUE(put.ok()) << type << ": " << put.status();
    EXPECT_EQ(put->file.media_type, type);
  }
  // A wildcard names no type: the file is stored as bytes.
  for (const std::string type : {"*/*", "text/*"}) {
    auto put = Put(member_, doc, 1, "t.bin", "x", type);
    ASSERT_TRUE(put.ok()) << type << ": " << put.status();
    EXPECT_EQ(put->file.media_type, "application/octet-stream") << type;
  }
}

TEST_F(FileUseCaseDbTest, TwentyFilesAVersionThenOnlyReplacements) {
  const std::string doc = DraftWithVersion(org_);
  for (int i = 1; i <= 20; ++i) {
    auto put = Put(member_, doc, 1, "f" + std::to_string(i) + ".txt", "file " + std::to_string(i),
                   "text/plain");
    ASSERT_TRUE(put.ok()) << put.status();
    EXPECT_EQ(put->file.position, i);
  }
  auto over = Put(member_, doc, 1, "f21.txt", "one too many", "text/plain");
  EXPECT_EQ(over.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Reason(over.status()), "too_many_files");
  auto replaced = Put(member_, doc, 1, "f20.txt", "still fine", "text/plain");
  ASSERT_TRUE(replaced.ok()) << replaced.status();
  EXPECT_FALSE(replaced->created);
  EXPECT_EQ(replaced->file.position, 20);
}

TEST_F(FileUseCaseDbTest, AStreamThatBreaksItsHeaderRollsBackLeavingNoBlob) {
  const std::string doc = DraftWithVersion(org_);
  // Two full chunks are written before the excess shows: the rollback takes them too.
  const std::string bytes = TestBytes(700 * 1024, 21);
  const std::string first_chunk = bytes.substr(0, 256 * 1024);
  auto more = Put(member_, doc, 1, "a.pdf", bytes, "application/pdf", 600 * 1024);
  EXPECT_EQ(more.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status::DetailOf(more.status()).errors(0).field(), "body");
  auto fewer = Put(member_, doc, 1, "a.pdf", bytes, "application/pdf", 800 * 1024);
  EXPECT_EQ(fewer.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status::DetailOf(fewer.status()).errors(0).field(), "body");
  EXPECT_EQ(ChunksHolding(first_chunk), 0);
  EXPECT_EQ(Number("SELECT count(*) FROM documents.files WHERE document_id = '" + doc + "'"), 0);
  EXPECT_EQ(Outbox(doc), 0);
}

TEST_F(FileUseCaseDbTest, ADryRunStoresNothing) {
  const std::string doc = DraftWithVersion(org_);
  identity::Caller dry = member_;
  dry.dry_run = true;
  const std::string bytes = TestBytes(300000, 31);
  auto put = Put(dry, doc, 1, "a.pdf", bytes);
  EXPECT_EQ(Reason(put.status()), "dry_run");
  EXPECT_EQ(ChunksHolding(bytes.substr(0, 256 * 1024)), 0);
  EXPECT_EQ(Number("SELECT count(*) FROM documents.files WHERE document_id = '" + doc + "'"), 0);
}

TEST_F(FileUseCaseDbTest, DownloadsAnswerRangesAndIfNoneMatch) {
  const std::string doc = DraftWithVersion(org_);
  const std::string bytes = TestBytes(600000, 41);
  auto put = Put(member_, doc, 1, "a.pdf", bytes);
  ASSERT_TRUE(put.ok());
  const std::string tag = "\"" + put->file.sha256 + "\"";

  auto r = Req(doc, 1, "a.pdf");
  r.has_range = true;
  r.range_offset = 262140;  // across the first chunk boundary
  r.range_length = 10;
  app::FileDownload head;
  EXPECT_EQ(*Get(member_, r, &head), bytes.substr(262140, 10));
  EXPECT_EQ(head.offset, 262140);
  EXPECT_EQ(head.length, 10);
  r.range_offset = -1;  // the last 1000 bytes
  r.range_length = 1000;
  EXPECT_EQ(*Get(member_, r), bytes.substr(bytes.size() - 1000));
  r.range_offset = 600000;
  r.range_length = 0;
  auto past = files_.Open(member_, r);
  EXPECT_EQ(past.status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(Reason(past.status()), "range_not_satisfiable");
  EXPECT_EQ(std::string(*past.status().GetPayload(app::kFileSizePayload)), "600000");

  for (const std::string& t : {tag, "W/" + tag, std::string("*"), "\"x\", " + tag}) {
    auto d = files_.Open(member_,
                         {.document_id = doc, .version = 1, .name = "a.pdf", .if_none_match = {t}});
    ASSERT_TRUE(d.ok());
    EXPECT_TRUE(d->not_modified) << t;
  }
  auto changed = files_.Open(
      member_, {.document_id = doc, .version = 1, .name = "a.pdf", .if_none_match = {"\"old\""}});
  ASSERT_TRUE(changed.ok());
  EXPECT_FALSE(changed->not_modified);
  EXPECT_EQ(changed->length, 600000);
  EXPECT_EQ(files_.Open(member_, Req(doc, 1, "b.pdf")).status().code(), StatusCode::kNotFound);
}

TEST_F(FileUseCaseDbTest, AnEmptyFileIsAFile) {
  const std::string doc = DraftWithVersion(org_);
  auto put = Put(member_, doc, 1, "empty.txt", "", "text/plain");
  ASSERT_TRUE(put.ok()) << put.status();
  EXPECT_EQ(put->file.size, 0);
  EXPECT_EQ(*Get(member_, Req(doc, 1, "empty.txt")), "");
}

TEST_F(FileUseCaseDbTest, ConcurrentUploadsIntoOneVersionTakeOnePositionEach) {
  const std::string doc = DraftWithVersion(org_);
  std::vector<std::thread> threads;
  std::vector<absl::StatusOr<app::PutFileResult>> results(4, absl::UnknownError("not run"));
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      results[i] = Put(member_, doc, 1, "f" + std::to_string(i) + ".bin",
                       TestBytes(300000, 50 + static_cast<uint32_t>(i)));
    });
  }
  for (auto& t : threads) t.join();
  std::set<int> positions;
  for (const auto& r : results) {
    ASSERT_TRUE(r.ok()) << r.status();
    positions.insert(r->file.position);
  }
  EXPECT_EQ(positions, (std::set<int>{1, 2, 3, 4}));
}

TEST_F(FileUseCaseDbTest, AVersionSealedWhileAFileStreamsInRefusesIt) {
  const std::string doc = DraftWithVersion(org_);
  ASSERT_TRUE(Put(member_, doc, 1, "main.pdf", "main").ok());
  std::latch streaming(1), sealed(1);
  const std::string bytes = TestBytes(600000, 61);
  absl::Status late;
  std::thread uploader([&] {
    app::FileUpload u{.document_id = doc,
                      .version = 1,
                      .name = "annex.bin",
                      .media_type = "application/octet-stream",
                      .size = static_cast<int64_t>(bytes.size())};
    size_t pos = 0;
    late = files_
               .Put(member_, u,
                    [&](std::string* piece) -> absl::StatusOr<bool> {
                      if (pos == 300000) {
                        streaming.count_down();
                        sealed.wait();
                      }
                      if (pos >= bytes.size()) return false;
                      *piece = bytes.substr(pos, 300000);
                      pos += piece->size();
                      return true;
                    })
               .status();
  });
  streaming.wait();
  // Version 2 commits while version 1's annex is still arriving: the upload's check under the
  // document's lock sees version 1 sealed.
  EXPECT_EQ(NewVersion(doc), 2);
  sealed.count_down();
  uploader.join();
  EXPECT_EQ(late.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Reason(late), "invalid_transition");
  EXPECT_EQ(ChunksHolding(bytes.substr(0, 256 * 1024)), 0);
  EXPECT_EQ(Number("SELECT count(*) FROM documents.files WHERE document_id = '" + doc + "'"), 1);
}

class FileLimitsDbTest : public FileUseCaseDbTest {
 protected:
  FileLimitsDbTest() : FileUseCaseDbTest({.max_file_bytes = 1000, .max_uploads = 1}) {}
};

TEST_F(FileLimitsDbTest, OverTheSizeLimitIsRefusedBeforeAnyByte) {
  const std::string doc = DraftWithVersion(org_);
  auto big = Put(member_, doc, 1, "a.pdf", TestBytes(1001));
  EXPECT_EQ(big.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(Reason(big.status()), "payload_too_large");
  EXPECT_TRUE(Put(member_, doc, 1, "a.pdf", TestBytes(1000)).ok());
}

TEST_F(FileLimitsDbTest, UploadsBeyondTheReplicasCapAreRefusedForNow) {
  const std::string doc = DraftWithVersion(org_);
  std::latch started(1), release(1);
  absl::Status first;
  std::thread uploader([&] {
    app::FileUpload u{.document_id = doc, .version = 1, .name = "slow.txt", .size = 2};
    int calls = 0;
    first = files_
                .Put(member_, u,
                     [&](std::string* piece) -> absl::StatusOr<bool> {
                       if (calls++ == 0) {
                         started.count_down();
                         release.wait();
                       }
                       if (calls > 2) return false;
                       *piece = "x";
                       return true;
                     })
                .status();
  });
  started.wait();
  EXPECT_EQ(files_.uploads_running(), 1);
  auto second = Put(member_, doc, 1, "fast.txt", "y", "text/plain");
  EXPECT_EQ(second.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(Reason(second.status()), "rate_limited");
  release.count_down();
  uploader.join();
  EXPECT_TRUE(first.ok()) << first;
  EXPECT_EQ(files_.uploads_running(), 0);
  EXPECT_TRUE(Put(member_, doc, 1, "fast.txt", "y", "text/plain").ok());
}

}  // namespace
}  // namespace iris::documents
