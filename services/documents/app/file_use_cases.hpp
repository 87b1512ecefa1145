// Uploading and downloading the files of a version (issue 18 decisions 4 and 5): an upload
// streams into a blob inside one transaction that also stores the file's text and the
// document's new search vectors, so the file is found by its words once the upload answers; a
// download reads its range a few chunks at a time. Neither holds a whole file in memory.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "services/documents/app/text_extraction.hpp"
#include "services/documents/domain/document.hpp"
#include "services/documents/domain/version.hpp"
#include "services/documents/storage/blob_store.hpp"
#include "services/documents/storage/document_repository.hpp"
#include "services/documents/storage/file_repository.hpp"
#include "services/documents/storage/version_repository.hpp"

namespace iris::documents::app {

struct FileLimits {
  int64_t max_file_bytes = 52428800;  // IRIS_DOCUMENTS_MAX_FILE_BYTES (50 MiB)
  int max_uploads = 4;                // IRIS_DOCUMENTS_MAX_UPLOADS, per replica
  TextLimits text = {};
};

// What the first message of an upload says.
struct FileUpload {
  std::string document_id = {};
  int version = 0;
  std::string name = {};
  std::string media_type = {};  // "" means application/octet-stream
  int64_t size = 0;             // the bytes that follow, exactly
};

struct PutFileResult {
  domain::File file = {};
  bool created = false;  // false: a file of that name was replaced
};

// The bytes that follow an upload's header, a piece at a time: true with `*piece` set, false
// at the end of the stream, an error when the stream breaks the protocol.
using UploadSource = absl::FunctionRef<absl::StatusOr<bool>(std::string* piece)>;

struct FileDownloadRequest {
  std::string document_id = {};
  int version = 0;
  std::string name = {};
  std::vector<std::string> if_none_match = {};  // entity tags as sent: "*", "\"<sha>\"", W/"<sha>"
  bool has_range = false;
  // The gateway's parsed range: offset >= 0 from the start (length 0: to the end); offset < 0
  // is a suffix, the last -offset bytes (RFC 9110 `bytes=-n`).
  int64_t range_offset = 0;
  int64_t range_length = 0;
};

struct FileDownload {
  domain::File file = {};
  std::string blob_id = {};
  bool not_modified = false;  // an If-None-Match tag matched: no bytes follow
  int64_t offset = 0;         // the bytes that follow
  int64_t length = 0;
};

// OUT_OF_RANGE statuses (416) carry the file's size under this payload (decimal text), for
// the gateway's `Content-Range: bytes */<size>`.
inline constexpr const char* kFileSizePayload = "iris.documents/file-size";

class FileUseCases {
 public:
  FileUseCases(db::Pool& pool, storage::DocumentRepository& documents,
               storage::VersionRepository& versions, storage::FileRepository& files,
               storage::BlobStore& blobs, FileLimits limits)
      : pool_(pool),
        documents_(documents),
        versions_(versions),
        files_(files),
        blobs_(blobs),
        limits_(limits) {}

  // Stores the bytes `next` yields as the file `upload.name` of the version. Checks who may
  // and the version's state first (nothing is read before), again under the row locks at the
  // end; answers RESOURCE_EXHAUSTED while max_uploads uploads are running.
  absl::StatusOr<PutFileResult> Put(const identity::Caller& caller, const FileUpload& upload,
                                    UploadSource next);

  // The file and the range to send, or not_modified; OUT_OF_RANGE for a range past the end.
  absl::StatusOr<FileDownload> Open(const identity::Caller& caller, const FileDownloadRequest& req);
  // The bytes of an opened download, in pieces of at most one chunk.
  absl::Status Send(const FileDownload& download, const storage::BlobStore::Sink& sink);

  int uploads_running() const { return uploads_.load(); }

 private:
  // Who may, and whether the version takes this file now; the file it would replace, if any.
  // `lock`: lock the version's row (the document's is locked by the caller).
  absl::StatusOr<std::optional<storage::StoredFile>> CheckUpload(const identity::Caller& caller,
                                                                 const domain::Document& doc,
                                                                 const FileUpload& upload,
                                                                 db::Tx& tx, bool lock);
  absl::StatusOr<PutFileResult> Store(const identity::Caller& caller, const FileUpload& upload,
                                      UploadSource next, db::Tx& tx);

  db::Pool& pool_;
  storage::DocumentRepository& documents_;
  storage::VersionRepository& versions_;
  storage::FileRepository& files_;
  storage::BlobStore& blobs_;
  const FileLimits limits_;
  std::atomic<int> uploads_{0};
};

}  // namespace iris::documents::app
