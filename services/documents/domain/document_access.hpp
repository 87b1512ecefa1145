// Who sees, edits, publishes and revises a document (decision 1 of issue 18): members act for
// the organisations a document names, network admins for every document, national coordinators
// for the documents of their country. Pure rules over identity::Caller.
#pragma once

#include "libs/identity/caller.hpp"
#include "services/documents/domain/document.hpp"

namespace iris::documents::domain {

// Network admins and national coordinators: they may create documents for any organisation.
bool IsStaff(const identity::Caller& caller);
// A member of one of the document's organisations.
bool IsOwnMember(const identity::Caller& caller, const Document& d);
// Network admins; a coordinator whose country the document names (a regional document without
// a country: network admins only).
bool IsStaffFor(const identity::Caller& caller, const Document& d);
// Who sees drafts, documents in review and unpublished versions: its members and its staff
// (IsStaffFor: a coordinator only when the document names its country).
bool CanSeeUnpublished(const identity::Caller& caller, const Document& d);
// Anyone sees published and archived documents; the rest only CanSeeUnpublished.
bool CanSee(const identity::Caller& caller, const Document& d);
// Metadata and versions: its members and staff while draft, staff alone while in review;
// nobody once published or archived.
bool CanEdit(const identity::Caller& caller, const Document& d);
// Publish and archive: a network admin, or the coordinator of the document's single country.
bool CanPublish(const identity::Caller& caller, const Document& d);
// Whether the caller may add a version or files to the document as it is now: CanEdit, and
// for a published document (a revision) those who may publish it and its members.
bool CanRevise(const identity::Caller& caller, const Document& d);
// The number Document.current_version shows this caller: the latest version to who sees
// unpublished ones, else the latest published one (0: none).
int CurrentVersionFor(const identity::Caller& caller, const Document& d);

}  // namespace iris::documents::domain
