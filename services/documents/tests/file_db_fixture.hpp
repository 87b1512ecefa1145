// What the file tests share (blob store, file use cases, file RPCs), beyond the documents
// tests' base: the file use cases over the real repositories and blob store, documents taken
// along the workflow by the real use cases, and deterministic bytes.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>

#include "services/documents/app/file_use_cases.hpp"
#include "services/documents/storage/pg_blob_store.hpp"
#include "services/documents/storage/pg_file_repository.hpp"
#include "services/documents/tests/documents_db_test_base.hpp"

namespace iris::documents {

// `size` bytes of every value, NUL included, different per seed (a cheap LCG: tests compare
// bytes, they need no randomness).
inline std::string TestBytes(size_t size, uint32_t seed = 1) {
  std::string out(size, '\0');
  uint32_t x = seed * 2654435761u + 1;
  for (size_t i = 0; i < size; ++i) {
    x = x * 1664525u + 1013904223u;
    out[i] = static_cast<char>(x >> 24);
  }
  return out;
}

inline std::string DataFile(const std::string& name) {
  std::ifstream in(std::string(IRIS_SOURCE_DIR) + "/services/documents/tests/data/" + name,
                   std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class FileDbTest : public DocumentsDbTestBase {
 protected:
  explicit FileDbTest(app::FileLimits limits = {})
      : DocumentsDbTestBase(8),
        files_(pool_, document_repo_, version_repo_, file_repo_, blobs_, limits) {}

  identity::Caller Anonymous() { return {.request_id = "req-files"}; }

  // A draft document of `org` (an active member) in RS with version 1, no file yet.
  std::string DraftWithVersion(const std::string& org) {
    const std::string id = Create(Admin(), Fields("Shadow report", {org})).id;
    EXPECT_TRUE(versions_.Create(Admin(), id, "first").ok());
    return id;
  }
  // Submits (a draft) and publishes the document, as a network admin.
  void Publish(const std::string& id) {
    if (Text("SELECT status FROM documents.documents WHERE id = '" + id + "'") == "draft") {
      auto s = documents_.Act(Admin(), id, DocumentVerb::kSubmit, "", 0);
      ASSERT_TRUE(s.ok()) << s.status();
    }
    auto p = documents_.Act(Admin(), id, DocumentVerb::kPublish, "", 0);
    ASSERT_TRUE(p.ok()) << p.status();
  }
  // The next version; its number.
  int NewVersion(const std::string& id) {
    auto v = versions_.Create(Admin(), id, "next");
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? v->versions.back().number : 0;
  }

  // Uploads `bytes` in pieces of `piece` bytes, announcing `announced` (default: their size).
  absl::StatusOr<app::PutFileResult> Put(const identity::Caller& caller, const std::string& doc,
                                         int version, const std::string& name,
                                         const std::string& bytes,
                                         const std::string& media_type = "application/octet-stream",
                                         int64_t announced = -1, size_t piece = 256 * 1024) {
    app::FileUpload upload{.document_id = doc,
                           .version = version,
                           .name = name,
                           .media_type = media_type,
                           .size = announced < 0 ? static_cast<int64_t>(bytes.size()) : announced};
    size_t pos = 0;
    auto next = [&](std::string* out) -> absl::StatusOr<bool> {
      if (pos >= bytes.size()) return false;
      *out = bytes.substr(pos, piece);
      pos += out->size();
      return true;
    };
    return files_.Put(caller, upload, next);
  }

  // The whole download (or range) as one string, and the header.
  absl::StatusOr<std::string> Get(const identity::Caller& caller, const app::FileDownloadRequest& r,
                                  app::FileDownload* header = nullptr) {
    IRIS_ASSIGN_OR_RETURN(auto d, files_.Open(caller, r));
    if (header != nullptr) *header = d;
    std::string out;
    IRIS_RETURN_IF_ERROR(files_.Send(d, [&](std::string_view b) {
      EXPECT_LE(b.size(), size_t{256 * 1024});
      out.append(b);
      return true;
    }));
    return out;
  }

  storage::PgFileRepository file_repo_;
  storage::PgBlobStore blobs_{pool_};
  app::FileUseCases files_;
};

}  // namespace iris::documents
