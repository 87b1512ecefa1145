#include "services/documents/app/version_use_cases.hpp"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/status/status.hpp"
#include "services/documents/app/document_changes.hpp"
#include "services/documents/app/document_use_cases.hpp"
#include "services/documents/domain/document_access.hpp"

namespace iris::documents::app {
namespace {

absl::Status DocumentNotFound() { return absl::NotFoundError("document not found"); }
absl::Status VersionNotFound() { return absl::NotFoundError("version not found"); }

}  // namespace

absl::StatusOr<VersionList> VersionUseCases::Create(const identity::Caller& caller,
                                                    const std::string& document_id,
                                                    const std::string& change_note) {
  const std::string note(absl::StripAsciiWhitespace(change_note));
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<VersionList> {
    // The document's lock first (the lock order of every change below a document): an upload
    // into the version this one seals, or a publication, finishes before or starts after.
    IRIS_ASSIGN_OR_RETURN(auto d, documents_.FindForUpdate(tx, document_id));
    if (!domain::CanRevise(caller, d)) {
      if (d.status == domain::DocumentStatus::kArchived && domain::CanSee(caller, d) &&
          (domain::IsStaffFor(caller, d) || domain::IsOwnMember(caller, d))) {
        return status::Conflict("invalid_transition",
                                "an archived document is history: it takes no new version");
      }
      if (d.status == domain::DocumentStatus::kPublished && domain::CanSee(caller, d) &&
          !caller.anonymous()) {
        return absl::PermissionDeniedError(
            "a revision of a published document is made by who may publish it or a member of "
            "its organisations");
      }
      return RefuseChange(caller, d, "add versions to");
    }
    if (values::CharCount(note) > domain::kMaxChangeNote) {
      return status::Invalid(
          "change_note", absl::StrCat("must be at most ", domain::kMaxChangeNote, " characters"));
    }
    IRIS_ASSIGN_OR_RETURN(int files, versions_.FileCount(tx, document_id, d.latest_version));
    if (auto refusal = domain::RefuseNewVersion(d, files)) {
      return status::Conflict(refusal->reason, refusal->message);
    }
    const int number = d.latest_version + 1;
    IRIS_ASSIGN_OR_RETURN(auto v, versions_.Insert(tx, document_id, number, note));
    // The editors' vector now covers the new (empty) version's files.
    IRIS_RETURN_IF_ERROR(documents_.RefreshSearch(tx, document_id));
    IRIS_ASSIGN_OR_RETURN(auto saved, documents_.FindById(tx, document_id));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        DocumentChange(saved, "documents.version.created", "create_version",
                       {{"number", number}, {"sealed", d.latest_version}}, {{"number", number}})));
    return VersionList{.document = saved, .versions = {v}};
  });
  if (absl::IsNotFound(result.status())) return DocumentNotFound();
  return result;
}

absl::StatusOr<VersionList> VersionUseCases::List(const identity::Caller& caller,
                                                  const std::string& document_id) {
  auto result = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<VersionList> {
    IRIS_ASSIGN_OR_RETURN(auto d, documents_.FindById(tx, document_id));
    if (!domain::CanSee(caller, d)) return DocumentNotFound();
    IRIS_ASSIGN_OR_RETURN(auto versions,
                          versions_.List(tx, document_id, !domain::CanSeeUnpublished(caller, d)));
    return VersionList{.document = d, .versions = std::move(versions)};
  });
  if (absl::IsNotFound(result.status())) return DocumentNotFound();
  return result;
}

absl::StatusOr<VersionList> VersionUseCases::Get(const identity::Caller& caller,
                                                 const std::string& document_id, int number) {
  auto d = pool_.Read([&](db::Tx& tx) { return documents_.FindById(tx, document_id); });
  if (absl::IsNotFound(d.status())) return DocumentNotFound();
  IRIS_RETURN_IF_ERROR(d.status());
  if (!domain::CanSee(caller, *d)) return DocumentNotFound();
  auto v = pool_.Read([&](db::Tx& tx) { return versions_.Find(tx, document_id, number); });
  if (absl::IsNotFound(v.status())) return VersionNotFound();
  IRIS_RETURN_IF_ERROR(v.status());
  if (!domain::CanSeeVersion(caller, *d, *v)) return VersionNotFound();
  return VersionList{.document = *d, .versions = {*v}};
}

}  // namespace iris::documents::app
