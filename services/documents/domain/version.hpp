// Versions of a document and their files: numbered from 1, immutable once sealed (a newer
// version exists) or published; the files of a version in upload order, the first the main
// file and the rest its annexes. Pure rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libs/identity/caller.hpp"
#include "services/documents/domain/document.hpp"

namespace iris::documents::domain {

inline constexpr size_t kMaxChangeNote = 2000;
inline constexpr int kMaxFilesPerVersion = 20;
// Every version's files stay stored (a sealed version is history): the cap bounds what one
// document may hold, and what its version list answers in one page.
inline constexpr int kMaxVersionsPerDocument = 100;

struct File {
  std::string name;
  int position = 1;  // 1-based upload order: 1 is the main file
  std::string media_type;
  int64_t size = 0;
  std::string sha256;  // lower-case hex
  Time uploaded_at;
};

struct Version {
  std::string document_id;
  int number = 1;
  std::string change_note;
  std::vector<File> files;
  std::optional<Time> published_at;  // set: every reader sees it; it never takes files again
  Time created_at;
};

// [A-Za-z0-9._-]{1,128}, not "." or "..": a file name that is safe in a URL path and a
// Content-Disposition.
bool IsValidFileName(std::string_view name);
// Published, or no longer the document's latest version.
bool IsSealed(const Version& v, const Document& d);
// Readers see published versions; who sees the document unpublished sees every version.
bool CanSeeVersion(const identity::Caller& caller, const Document& d, const Version& v);
// Why no new version may follow now: the problem's reason and a message for the caller.
struct VersionRefusal {
  std::string reason;
  std::string message;
};
// An archived document or a latest version without a file yet (an empty version cannot be
// followed): "invalid_transition"; kMaxVersionsPerDocument reached: "too_many_versions".
// `latest_files`: files of the latest.
std::optional<VersionRefusal> RefuseNewVersion(const Document& d, int latest_files);

}  // namespace iris::documents::domain
