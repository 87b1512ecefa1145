#include "services/documents/domain/version.hpp"

#include "absl/strings/str_cat.h"
#include "services/documents/domain/document_access.hpp"

namespace iris::documents::domain {

bool IsValidFileName(std::string_view name) {
  if (name.empty() || name.size() > 128) return false;
  // "." and ".." are path segments clients rewrite away (RFC 3986 §5.2.4): a file of that name
  // could be uploaded and never downloaded.
  if (name == "." || name == "..") return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool IsSealed(const Version& v, const Document& d) {
  return v.published_at.has_value() || v.number < d.latest_version;
}

bool CanSeeVersion(const identity::Caller& caller, const Document& d, const Version& v) {
  return CanSee(caller, d) && (v.published_at.has_value() || CanSeeUnpublished(caller, d));
}

std::optional<VersionRefusal> RefuseNewVersion(const Document& d, int latest_files) {
  if (d.status == DocumentStatus::kArchived) {
    return VersionRefusal{"invalid_transition",
                          "an archived document is history: it takes no new version"};
  }
  if (d.latest_version > 0 && latest_files == 0) {
    return VersionRefusal{
        "invalid_transition",
        absl::StrCat("version ", d.latest_version,
                     " has no file yet: upload its files before creating the next version")};
  }
  if (d.latest_version >= kMaxVersionsPerDocument) {
    return VersionRefusal{
        "too_many_versions",
        absl::StrCat("a document holds at most ", kMaxVersionsPerDocument,
                     " versions and this one has them all: replace the files of its latest "
                     "version while it is unpublished, or start a new document")};
  }
  return std::nullopt;
}

}  // namespace iris::documents::domain
