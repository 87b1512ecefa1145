// BlobStore over documents.blobs and documents.blob_chunks: a blob is a row with its size and
// digest, its bytes fixed-size chunks (kChunkSize) in rows of their own, so a write holds one
// chunk in memory and a range reads only the chunks it covers.
#pragma once

#include <cstddef>

#include "libs/db/pool.hpp"
#include "services/documents/storage/blob_store.hpp"

namespace iris::documents::storage {

class PgBlobStore : public BlobStore {
 public:
  // 256 KiB: large enough that a 50 MiB file is 200 rows, small enough that a range or a
  // reader holds little (decision 5 of issue 18).
  static constexpr int kChunkSize = 256 * 1024;
  // Chunks per read query: 1 MiB of bytes per round trip, then the connection goes back to
  // the pool while the reader passes them on.
  static constexpr int kChunksPerRead = 4;

  // `pool` serves the reads; writes run in the caller's transaction.
  explicit PgBlobStore(db::Pool& pool, int chunk_size = kChunkSize)
      : pool_(pool), chunk_size_(chunk_size) {}

  absl::StatusOr<std::unique_ptr<BlobWriter>> BeginWrite(db::Tx& tx) override;
  absl::Status Delete(db::Tx& tx, const std::string& blob_id) override;
  absl::Status Read(const std::string& blob_id, int64_t offset, int64_t length,
                    const Sink& sink) override;

 private:
  db::Pool& pool_;
  const int chunk_size_;
};

}  // namespace iris::documents::storage
