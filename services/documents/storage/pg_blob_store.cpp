#include "services/documents/storage/pg_blob_store.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include <pqxx/binarystring>

#include "documents_sql.hpp"
#include "libs/values/sha256.hpp"
#include "libs/values/uuid.hpp"

namespace iris::documents::storage {
namespace {

class PgBlobWriter : public BlobWriter {
 public:
  PgBlobWriter(db::Tx& tx, std::string id, int chunk_size)
      : tx_(tx), id_(std::move(id)), chunk_size_(static_cast<size_t>(chunk_size)) {
    buffer_.reserve(chunk_size_);
  }

  absl::Status Append(std::string_view bytes) override {
    if (finished_) return absl::FailedPreconditionError("blob already finished");
    hasher_.Update(bytes);
    size_ += static_cast<int64_t>(bytes.size());
    while (!bytes.empty()) {
      // A whole chunk straight from the caller's bytes when nothing is buffered: the usual
      // case, since uploads arrive in messages of one chunk.
      if (buffer_.empty() && bytes.size() >= chunk_size_) {
        WriteChunk(bytes.substr(0, chunk_size_));
        bytes.remove_prefix(chunk_size_);
        continue;
      }
      const size_t take = std::min(chunk_size_ - buffer_.size(), bytes.size());
      buffer_.append(bytes.data(), take);
      bytes.remove_prefix(take);
      if (buffer_.size() == chunk_size_) {
        WriteChunk(buffer_);
        buffer_.clear();
      }
    }
    return absl::OkStatus();
  }

  absl::StatusOr<BlobInfo> Finish() override {
    if (finished_) return absl::FailedPreconditionError("blob already finished");
    finished_ = true;
    if (!buffer_.empty()) {
      WriteChunk(buffer_);
      buffer_.clear();
      buffer_.shrink_to_fit();
    }
    BlobInfo info{.id = id_, .size = size_, .sha256 = hasher_.HexDigest()};
    tx_.Exec(sql::kBlobsFinish, info.id, info.size, info.sha256);
    return info;
  }

  int64_t size() const override { return size_; }

 private:
  void WriteChunk(std::string_view bytes) {
    // A binarystring is sent as a binary parameter: bytes as they are, NUL included, no
    // escaping (libpqxx 6.4 passes every other type as text).
    tx_.Exec(sql::kBlobChunksInsert, id_, next_seq_++,
             pqxx::binarystring(bytes.data(), bytes.size()));
  }

  db::Tx& tx_;
  const std::string id_;
  const size_t chunk_size_;
  std::string buffer_;
  values::Sha256Hasher hasher_;
  int64_t size_ = 0;
  int next_seq_ = 0;
  bool finished_ = false;
};

absl::Status BlobNotFound() { return absl::NotFoundError("blob not found"); }

}  // namespace

absl::StatusOr<std::unique_ptr<BlobWriter>> PgBlobStore::BeginWrite(db::Tx& tx) {
  auto rows = tx.Exec(sql::kBlobsBegin, chunk_size_);
  return std::make_unique<PgBlobWriter>(tx, rows[0]["id"].as<std::string>(), chunk_size_);
}

absl::Status PgBlobStore::Delete(db::Tx& tx, const std::string& blob_id) {
  if (!values::IsUuid(blob_id)) return absl::OkStatus();
  tx.Exec(sql::kBlobsDelete, blob_id);
  return absl::OkStatus();
}

absl::Status PgBlobStore::Read(const std::string& blob_id, int64_t offset, int64_t length,
                               const Sink& sink) {
  if (!values::IsUuid(blob_id)) return BlobNotFound();
  struct Shape {
    int64_t size;
    int64_t chunk_size;
  };
  auto shape = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<Shape> {
    auto rows = tx.Exec(sql::kBlobsFind, blob_id);
    if (rows.empty()) return BlobNotFound();
    return Shape{rows[0]["size"].as<int64_t>(), rows[0]["chunk_size"].as<int64_t>()};
  });
  if (!shape.ok()) return shape.status();
  offset = std::max<int64_t>(offset, 0);
  const int64_t end = std::min(shape->size, offset + std::max<int64_t>(length, 0));
  if (offset >= end) return absl::OkStatus();

  const int64_t chunk = shape->chunk_size;
  int64_t pos = offset;
  while (pos < end) {
    const int64_t first = pos / chunk;
    const int64_t last = std::min((end - 1) / chunk, first + kChunksPerRead - 1);
    // Copied out of the result so the connection is back in the pool while the sink (a client
    // on a slow network) takes the bytes.
    auto pieces = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<std::vector<pqxx::binarystring>> {
      auto rows = tx.Exec(sql::kBlobChunksRead, blob_id, first, last);
      std::vector<pqxx::binarystring> out;
      out.reserve(rows.size());
      for (const auto& row : rows) out.emplace_back(row["data"]);
      return out;
    });
    if (!pieces.ok()) return pieces.status();
    if (static_cast<int64_t>(pieces->size()) != last - first + 1) {
      // The blob was deleted (its unpublished file replaced) between two queries.
      return absl::AbortedError("the file changed while it was being read");
    }
    for (int64_t seq = first; seq <= last; ++seq) {
      const pqxx::binarystring& data = (*pieces)[static_cast<size_t>(seq - first)];
      const int64_t chunk_start = seq * chunk;
      const int64_t from = pos - chunk_start;
      const int64_t to = std::min<int64_t>(static_cast<int64_t>(data.size()), end - chunk_start);
      if (to <= from) return absl::InternalError("blob chunk shorter than its blob says");
      if (!sink(std::string_view(data.get() + from, static_cast<size_t>(to - from)))) {
        return absl::CancelledError("the reader stopped");
      }
      pos = chunk_start + to;
    }
  }
  return absl::OkStatus();
}

}  // namespace iris::documents::storage
