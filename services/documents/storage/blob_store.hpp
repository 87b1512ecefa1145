// Where file bytes live: written once in the transaction that stores their file, read back in
// ranges. The interface knows nothing of Postgres beyond the transaction a write joins, so an
// S3-compatible store could implement it later (writing objects, committing their keys).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"

namespace iris::documents::storage {

// A finished blob: its id, how many bytes it holds and their SHA-256 (lower-case hex).
struct BlobInfo {
  std::string id = {};
  int64_t size = 0;
  std::string sha256 = {};
};

// One blob being written, inside the transaction it was begun in (it exists only if that
// transaction commits). Holds at most one chunk of bytes at a time.
class BlobWriter {
 public:
  virtual ~BlobWriter() = default;
  // Adds bytes at the end; full chunks are stored as they fill.
  virtual absl::Status Append(std::string_view bytes) = 0;
  // Stores the last partial chunk and the blob's size and digest. Call once, last.
  virtual absl::StatusOr<BlobInfo> Finish() = 0;
  // Bytes appended so far.
  virtual int64_t size() const = 0;
};

class BlobStore {
 public:
  // Receives the bytes of a read in order, a piece at a time; returning false stops the read
  // (the client went away).
  using Sink = std::function<bool(std::string_view)>;

  virtual ~BlobStore() = default;

  // Begins a blob in `tx`; the writer must not outlive the transaction.
  virtual absl::StatusOr<std::unique_ptr<BlobWriter>> BeginWrite(db::Tx& tx) = 0;
  // Removes a blob (its file was replaced) in `tx`; an unknown id is not an error.
  virtual absl::Status Delete(db::Tx& tx, const std::string& blob_id) = 0;
  // Bytes [offset, offset + length) of a committed blob, clipped to its size, handed to `sink`
  // in order. Reads a few chunks per short query, so neither a long transaction nor the whole
  // blob in memory is ever needed. NOT_FOUND for an unknown blob.
  virtual absl::Status Read(const std::string& blob_id, int64_t offset, int64_t length,
                            const Sink& sink) = 0;
};

}  // namespace iris::documents::storage
