// The files of a version (documents.files): found by name, added after the others, replaced
// in place. Their bytes are blobs (blob_store.hpp); a file row names its blob.
#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "services/documents/domain/version.hpp"
#include "services/documents/storage/blob_store.hpp"

namespace iris::documents::storage {

struct StoredFile {
  domain::File file = {};
  std::string blob_id = {};
};

// What an upload writes into a file row.
struct FileContent {
  std::string name = {};
  std::string media_type = {};
  BlobInfo blob = {};
  std::string text = {};  // for search; "" when the file has none
};

class FileRepository {
 public:
  virtual ~FileRepository() = default;
  virtual absl::StatusOr<std::optional<StoredFile>> Find(db::Tx& tx, const std::string& document_id,
                                                         int version, const std::string& name) = 0;
  // A new file after the version's others (position = upload order).
  virtual absl::StatusOr<domain::File> Insert(db::Tx& tx, const std::string& document_id,
                                              int version, const FileContent& content) = 0;
  // The file of that name, with new content; its position stays.
  virtual absl::StatusOr<domain::File> Replace(db::Tx& tx, const std::string& document_id,
                                               int version, const FileContent& content) = 0;
};

}  // namespace iris::documents::storage
