#include "services/documents/app/file_use_cases.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "libs/db/outbox.hpp"
#include "libs/status/not_found.hpp"
#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"
#include "services/documents/app/document_changes.hpp"
#include "services/documents/domain/document_access.hpp"
#include "services/documents/domain/file_ranges.hpp"

namespace iris::documents::app {
namespace {

constexpr std::string_view kDefaultMediaType = "application/octet-stream";
constexpr size_t kMaxMediaType = 255;

// `m` up to its first ';', without the spaces before it (Debian's Abseil has its own
// string_view, so no absl::Strip* here).
std::string_view MimeOf(std::string_view m) {
  std::string_view mime = m.substr(0, m.find(';'));
  while (!mime.empty() && (mime.back() == ' ' || mime.back() == '\t')) mime.remove_suffix(1);
  return mime;
}

// RFC 9110 §5.6.2 tchar.
bool IsTokenChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsToken(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsTokenChar);
}

// RFC 9110 §8.3.1 media-type: type "/" subtype as tokens, then parameters after ';' (any
// visible ASCII, spaces and tabs: a client's sloppy parameter, "text/plain; a", is stored as
// sent rather than refused), at most 255 characters.
bool IsMediaType(std::string_view m) {
  if (m.size() > kMaxMediaType) return false;
  const size_t semi = m.find(';');
  const std::string_view mime = MimeOf(m);
  const size_t slash = mime.find('/');
  if (slash == std::string_view::npos || !IsToken(mime.substr(0, slash)) ||
      !IsToken(mime.substr(slash + 1))) {
    return false;
  }
  if (semi == std::string_view::npos) return true;
  const std::string_view params = m.substr(semi);
  return std::all_of(params.begin(), params.end(),
                     [](char c) { return c == '\t' || (c >= 0x20 && c <= 0x7E); });
}

// A wildcard (*/*, text/*) names no type: such a file is served as bytes.
bool IsWildcard(std::string_view m) {
  const std::string_view mime = MimeOf(m);
  const size_t slash = mime.find('/');
  return mime.substr(0, slash) == "*" ||
         (slash != std::string_view::npos && mime.substr(slash + 1) == "*");
}

absl::Status DocumentNotFound() { return absl::NotFoundError("document not found"); }
absl::Status VersionNotFound() { return absl::NotFoundError("version not found"); }

// One upload slot of the replica's max_uploads, held for the whole upload.
class UploadSlot {
 public:
  UploadSlot(std::atomic<int>& running, int max) : running_(running) {
    taken_ = running_.fetch_add(1) < max;
    if (!taken_) running_.fetch_sub(1);
  }
  ~UploadSlot() {
    if (taken_) running_.fetch_sub(1);
  }
  UploadSlot(const UploadSlot&) = delete;
  UploadSlot& operator=(const UploadSlot&) = delete;
  bool taken() const { return taken_; }

 private:
  std::atomic<int>& running_;
  bool taken_ = false;
};

// What the header says, checked before a byte is read: every field problem at once.
absl::Status CheckHeader(const FileUpload& u, int64_t max_file_bytes) {
  status::Validator v;
  if (!domain::IsValidFileName(u.name)) {
    v.Add("name", "1 to 128 letters, digits, '.', '_' or '-', and not '.' or '..'");
  }
  if (!IsMediaType(u.media_type)) {
    v.Add("media_type", "a media type such as application/pdf (at most 255 characters)");
  }
  if (u.size < 0) v.Add("size", "must not be negative");
  IRIS_RETURN_IF_ERROR(v.Finish());
  if (u.size > max_file_bytes) {
    return status::WithDetail(
        absl::ResourceExhaustedError(absl::StrCat("the file has ", u.size, " bytes; at most ",
                                                  max_file_bytes, " are accepted")),
        "payload_too_large");
  }
  return absl::OkStatus();
}

absl::Status BodyMismatch(const std::string& message) { return status::Invalid("body", message); }

}  // namespace

absl::StatusOr<std::optional<storage::StoredFile>> FileUseCases::CheckUpload(
    const identity::Caller& caller, const domain::Document& doc, const FileUpload& upload,
    db::Tx& tx, bool lock) {
  if (!domain::CanSee(caller, doc)) return DocumentNotFound();
  if (doc.status == domain::DocumentStatus::kArchived) {
    return status::Conflict("invalid_transition",
                            "the document is archived: its versions take no more files");
  }
  if (!domain::CanRevise(caller, doc)) {
    return absl::PermissionDeniedError("you may not add files to this document");
  }
  auto version = lock ? versions_.FindForUpdate(tx, doc.id, upload.version)
                      : versions_.Find(tx, doc.id, upload.version);
  if (absl::IsNotFound(version.status())) return VersionNotFound();
  IRIS_RETURN_IF_ERROR(version.status());
  if (!domain::CanSeeVersion(caller, doc, *version)) return VersionNotFound();
  if (domain::IsSealed(*version, doc)) {
    return status::Conflict("invalid_transition",
                            absl::StrCat("version ", upload.version,
                                         " is sealed (published, or a newer version exists): "
                                         "upload into the latest unpublished version"));
  }
  IRIS_ASSIGN_OR_RETURN(auto existing, files_.Find(tx, doc.id, upload.version, upload.name));
  if (!existing) {
    IRIS_ASSIGN_OR_RETURN(int count, versions_.FileCount(tx, doc.id, upload.version));
    if (count >= domain::kMaxFilesPerVersion) {
      return status::Conflict("too_many_files",
                              absl::StrCat("a version holds at most ", domain::kMaxFilesPerVersion,
                                           " files; replace one by uploading it under its name"));
    }
  }
  return existing;
}

absl::StatusOr<PutFileResult> FileUseCases::Put(const identity::Caller& caller,
                                                const FileUpload& header, UploadSource next) {
  FileUpload upload = header;
  upload.media_type = std::string(absl::StripAsciiWhitespace(upload.media_type));
  if (upload.media_type.empty() ||
      (IsMediaType(upload.media_type) && IsWildcard(upload.media_type))) {
    upload.media_type = std::string(kDefaultMediaType);
  }
  if (!values::IsUuid(upload.document_id)) return DocumentNotFound();
  if (upload.version < 1) return VersionNotFound();
  IRIS_RETURN_IF_ERROR(CheckHeader(upload, limits_.max_file_bytes));

  UploadSlot slot(uploads_, limits_.max_uploads);
  if (!slot.taken()) {
    return status::WithDetail(
        absl::ResourceExhaustedError(absl::StrCat("this server is receiving ", limits_.max_uploads,
                                                  " files already; retry shortly")),
        "rate_limited");
  }
  // The cheap check first, so a refused upload is refused before its bytes travel.
  IRIS_RETURN_IF_ERROR(pool_.Read([&](db::Tx& tx) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto doc, status::NotFoundAs(documents_.FindById(tx, upload.document_id), "document"));
    return CheckUpload(caller, doc, upload, tx, /*lock=*/false).status();
  }));
  // Once: the stream cannot be read a second time, so a conflict is the answer, not a rerun.
  return pool_.WriteOnce(
      [&](db::Tx& tx) -> absl::StatusOr<PutFileResult> { return Store(caller, upload, next, tx); });
}

absl::StatusOr<PutFileResult> FileUseCases::Store(const identity::Caller& caller,
                                                  const FileUpload& upload, UploadSource next,
                                                  db::Tx& tx) {
  IRIS_ASSIGN_OR_RETURN(auto writer, blobs_.BeginWrite(tx));
  TextExtractor text(upload.media_type, limits_.text);
  std::string piece;
  for (;;) {
    piece.clear();
    IRIS_ASSIGN_OR_RETURN(bool more, next(&piece));
    if (!more) break;
    if (writer->size() + static_cast<int64_t>(piece.size()) > upload.size) {
      return BodyMismatch(absl::StrCat("more bytes than the ", upload.size, " announced"));
    }
    IRIS_RETURN_IF_ERROR(writer->Append(piece));
    text.Append(piece);
  }
  if (writer->size() != upload.size) {
    return BodyMismatch(absl::StrCat("the stream ended after ", writer->size(), " of the ",
                                     upload.size, " bytes announced"));
  }
  IRIS_ASSIGN_OR_RETURN(storage::BlobInfo blob, writer->Finish());
  storage::FileContent content{
      .name = upload.name, .media_type = upload.media_type, .blob = blob, .text = text.Finish()};

  // Locks in the order every change of a document takes them (the document row, then the
  // version's), late and briefly: the stream above took no lock.
  IRIS_ASSIGN_OR_RETURN(
      auto doc, status::NotFoundAs(documents_.FindForUpdate(tx, upload.document_id), "document"));
  IRIS_ASSIGN_OR_RETURN(auto existing, CheckUpload(caller, doc, upload, tx, /*lock=*/true));
  PutFileResult result;
  if (existing) {
    IRIS_ASSIGN_OR_RETURN(result.file, files_.Replace(tx, doc.id, upload.version, content));
    IRIS_RETURN_IF_ERROR(blobs_.Delete(tx, existing->blob_id));
  } else {
    IRIS_ASSIGN_OR_RETURN(result.file, files_.Insert(tx, doc.id, upload.version, content));
    result.created = true;
  }
  IRIS_RETURN_IF_ERROR(documents_.RefreshSearch(tx, doc.id));

  const nlohmann::json facts = {
      {"version", upload.version},        {"name", result.file.name},
      {"position", result.file.position}, {"size", result.file.size},
      {"sha256", result.file.sha256},     {"media_type", result.file.media_type},
      {"created", result.created}};
  IRIS_RETURN_IF_ERROR(db::RecordChange(
      tx, kSchema, caller,
      DocumentChange(doc, "documents.file.uploaded", "upload_file", facts, facts)));
  return result;
}

absl::StatusOr<FileDownload> FileUseCases::Open(const identity::Caller& caller,
                                                const FileDownloadRequest& req) {
  if (!values::IsUuid(req.document_id)) return DocumentNotFound();
  if (req.version < 1) return VersionNotFound();
  IRIS_ASSIGN_OR_RETURN(
      auto stored, pool_.Read([&](db::Tx& tx) -> absl::StatusOr<storage::StoredFile> {
        IRIS_ASSIGN_OR_RETURN(
            auto doc, status::NotFoundAs(documents_.FindById(tx, req.document_id), "document"));
        if (!domain::CanSee(caller, doc)) return DocumentNotFound();
        auto version = versions_.Find(tx, doc.id, req.version);
        if (absl::IsNotFound(version.status())) return VersionNotFound();
        IRIS_RETURN_IF_ERROR(version.status());
        if (!domain::CanSeeVersion(caller, doc, *version)) return VersionNotFound();
        IRIS_ASSIGN_OR_RETURN(auto file, files_.Find(tx, doc.id, req.version, req.name));
        if (!file) return absl::NotFoundError("file not found");
        return *std::move(file);
      }));
  FileDownload out{.file = stored.file, .blob_id = stored.blob_id};
  if (domain::NoneMatchHits(req.if_none_match, out.file.sha256)) {
    out.not_modified = true;
    return out;
  }
  auto range =
      domain::ResolveRange(out.file.size, req.has_range, req.range_offset, req.range_length);
  if (!range.ok()) {
    absl::Status s = status::WithDetail(range.status(), "range_not_satisfiable");
    s.SetPayload(kFileSizePayload, absl::Cord(std::to_string(out.file.size)));
    return s;
  }
  out.offset = range->offset;
  out.length = range->length;
  return out;
}

absl::Status FileUseCases::Send(const FileDownload& download,
                                const storage::BlobStore::Sink& sink) {
  if (download.not_modified || download.length == 0) return absl::OkStatus();
  return blobs_.Read(download.blob_id, download.offset, download.length, sink);
}

}  // namespace iris::documents::app
