// PgBlobStore against Postgres: bytes round-trip exactly (NUL and every byte value, as binary
// parameters), chunks are the size they should be, ranges across chunk boundaries, the empty
// blob, SHA-256 of known vectors, delete, and a rolled-back write leaving nothing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "libs/values/sha256.hpp"
#include "services/documents/tests/file_db_fixture.hpp"

namespace iris::documents {
namespace {

using storage::BlobInfo;
using storage::PgBlobStore;

class BlobStoreDbTest : public FileDbTest {
 protected:
  // Writes `bytes` in pieces of the given sizes (cycled) with `store`, committed.
  BlobInfo Write(storage::BlobStore& store, const std::string& bytes,
                 std::vector<size_t> pieces = {PgBlobStore::kChunkSize}) {
    auto info = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<BlobInfo> {
      IRIS_ASSIGN_OR_RETURN(auto writer, store.BeginWrite(tx));
      size_t pos = 0;
      for (size_t i = 0; pos < bytes.size(); ++i) {
        const size_t n = pieces[i % pieces.size()];
        IRIS_RETURN_IF_ERROR(writer->Append(std::string_view(bytes).substr(pos, n)));
        pos += n;
      }
      return writer->Finish();
    });
    EXPECT_TRUE(info.ok()) << info.status();
    return info.ok() ? *info : BlobInfo{};
  }

  std::string Read(storage::BlobStore& store, const std::string& id, int64_t offset, int64_t length,
                   absl::Status* status = nullptr) {
    std::string out;
    absl::Status s = store.Read(id, offset, length, [&](std::string_view b) {
      out.append(b);
      return true;
    });
    if (status != nullptr) {
      *status = s;
    } else {
      EXPECT_TRUE(s.ok()) << s;
    }
    return out;
  }

  int Chunks(const std::string& id) {
    return Number("SELECT count(*) FROM documents.blob_chunks WHERE blob_id = '" + id + "'");
  }
};

TEST_F(BlobStoreDbTest, AChunkOfEveryByteValueRoundTripsExactly) {
  // Every byte value, NUL runs included: bytea goes as a binary parameter, never as text.
  std::string bytes(PgBlobStore::kChunkSize, '\0');
  for (size_t i = 0; i < bytes.size(); ++i)
    bytes[i] = static_cast<char>(i % 256 < 200 ? i % 256 : 0);
  const BlobInfo info = Write(blobs_, bytes);
  EXPECT_EQ(info.size, PgBlobStore::kChunkSize);
  EXPECT_EQ(info.sha256, values::Sha256Hex(bytes));
  EXPECT_EQ(Chunks(info.id), 1);
  EXPECT_EQ(Number("SELECT octet_length(data) FROM documents.blob_chunks WHERE blob_id = '" +
                   info.id + "'"),
            PgBlobStore::kChunkSize);
  EXPECT_EQ(Text("SELECT sha256 FROM documents.blobs WHERE id = '" + info.id + "'"), info.sha256);
  // Postgres holds the same bytes, not an escaped form of them.
  EXPECT_EQ(Text("SELECT encode(sha256(data), 'hex') FROM documents.blob_chunks WHERE blob_id = '" +
                 info.id + "'"),
            info.sha256);
  EXPECT_EQ(Read(blobs_, info.id, 0, info.size), bytes);
}

TEST_F(BlobStoreDbTest, UnevenAppendsMakeFullChunksAndOneShortLast) {
  const std::string bytes = TestBytes(3 * PgBlobStore::kChunkSize + 12345, 7);
  const BlobInfo info = Write(blobs_, bytes, {1, 300000, 7, 65536, 262144, 99999});
  EXPECT_EQ(info.size, static_cast<int64_t>(bytes.size()));
  EXPECT_EQ(info.sha256, values::Sha256Hex(bytes));
  EXPECT_EQ(Chunks(info.id), 4);
  EXPECT_EQ(Text("SELECT string_agg(octet_length(data)::text, ',' ORDER BY seq) FROM "
                 "documents.blob_chunks WHERE blob_id = '" +
                 info.id + "'"),
            "262144,262144,262144,12345");
  EXPECT_EQ(Read(blobs_, info.id, 0, info.size), bytes);
}

TEST_F(BlobStoreDbTest, RangesAcrossChunkBoundariesAreExact) {
  // Chunks of 10 bytes make every boundary case small; reads still go 4 chunks per query.
  PgBlobStore small(pool_, 10);
  const std::string bytes = TestBytes(95, 3);
  const BlobInfo info = Write(small, bytes, {3, 17, 1});
  EXPECT_EQ(Chunks(info.id), 10);
  struct Case {
    int64_t offset, length;
  };
  for (const Case c : std::vector<Case>{{0, 95},
                                        {0, 1},
                                        {9, 2},
                                        {10, 10},
                                        {5, 50},
                                        {39, 3},
                                        {40, 41},
                                        {94, 1},
                                        {90, 100},
                                        {0, 1000},
                                        {33, 0}}) {
    SCOPED_TRACE(std::to_string(c.offset) + "+" + std::to_string(c.length));
    const size_t expected_length = static_cast<size_t>(std::min<int64_t>(c.length, 95 - c.offset));
    EXPECT_EQ(Read(small, info.id, c.offset, c.length),
              bytes.substr(static_cast<size_t>(c.offset), expected_length));
  }
  EXPECT_EQ(Read(small, info.id, 95, 10), "");
  EXPECT_EQ(Read(small, info.id, 500, 10), "");
  // Pieces never exceed a chunk: a sink sees at most one chunk at a time.
  size_t largest = 0;
  ASSERT_TRUE(small
                  .Read(info.id, 3, 90,
                        [&](std::string_view b) {
                          largest = std::max(largest, b.size());
                          return true;
                        })
                  .ok());
  EXPECT_EQ(largest, 10u);
}

TEST_F(BlobStoreDbTest, TheEmptyBlobHasNoChunksAndTheEmptyDigest) {
  const BlobInfo info = Write(blobs_, "");
  EXPECT_EQ(info.size, 0);
  EXPECT_EQ(info.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Chunks(info.id), 0);
  EXPECT_EQ(Read(blobs_, info.id, 0, 100), "");
}

TEST_F(BlobStoreDbTest, DigestsMatchKnownVectors) {
  EXPECT_EQ(Write(blobs_, "abc").sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  PgBlobStore small(pool_, 4);  // the 56-byte vector over 14 chunks, hashed piece by piece
  EXPECT_EQ(Write(small, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", {5}).sha256,
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_F(BlobStoreDbTest, DeleteRemovesTheBlobAndItsChunks) {
  const BlobInfo info = Write(blobs_, TestBytes(PgBlobStore::kChunkSize + 1));
  EXPECT_EQ(Chunks(info.id), 2);
  ASSERT_TRUE(pool_.Write([&](db::Tx& tx) { return blobs_.Delete(tx, info.id); }).ok());
  EXPECT_EQ(Chunks(info.id), 0);
  absl::Status s;
  Read(blobs_, info.id, 0, 10, &s);
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  Read(blobs_, "not-a-uuid", 0, 10, &s);
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  // Deleting again, or a malformed id, is no error.
  EXPECT_TRUE(pool_.Write([&](db::Tx& tx) { return blobs_.Delete(tx, info.id); }).ok());
}

TEST_F(BlobStoreDbTest, ARolledBackWriteLeavesNothing) {
  std::string id;
  absl::Status s = pool_.Write([&](db::Tx& tx) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto writer, blobs_.BeginWrite(tx));
    IRIS_RETURN_IF_ERROR(writer->Append(TestBytes(3 * PgBlobStore::kChunkSize)));
    IRIS_ASSIGN_OR_RETURN(auto info, writer->Finish());
    id = info.id;
    return absl::InvalidArgumentError("changed my mind");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  // Counted by id: other test binaries write blobs into the same database meanwhile.
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(Number("SELECT count(*) FROM documents.blobs WHERE id = '" + id + "'"), 0);
  EXPECT_EQ(Chunks(id), 0);
}

TEST_F(BlobStoreDbTest, AReaderThatStopsEndsTheRead) {
  const BlobInfo info = Write(blobs_, TestBytes(10 * PgBlobStore::kChunkSize));
  int calls = 0;
  absl::Status s =
      blobs_.Read(info.id, 0, info.size, [&](std::string_view) { return ++calls < 2; });
  EXPECT_EQ(s.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(calls, 2);
}

}  // namespace
}  // namespace iris::documents
