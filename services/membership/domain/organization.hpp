// Organisations of the network: fields, the membership lifecycle and who may see or change one.
// Pure rules: no I/O, no proto.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "libs/identity/caller.hpp"
#include "services/membership/domain/reference.hpp"
#include "services/membership/domain/text_rules.hpp"

namespace iris::membership::domain {

enum class OrganizationKind { kMemberCso, kPartner, kPublicInstitution, kInternationalOrg, kMedia };
enum class OrganizationStatus { kApplicant, kActive, kSuspended, kWithdrawn };

std::string_view KindWord(OrganizationKind k);  // "member_cso", as stored and on the wire
std::optional<OrganizationKind> ParseKind(std::string_view word);
std::string_view StatusWord(OrganizationStatus s);  // "active", ...
std::optional<OrganizationStatus> ParseStatus(std::string_view word);

// A contact person shown on the public profile: one who consented to the directory
// (consent.directory). Read from people; never written through an organisation.
struct DirectoryContact {
  std::string name;
  std::string role;   // empty: not given
  std::string email;  // empty: not given
};

// At most this many contacts on a profile (by name): a directory card, not the people list.
inline constexpr size_t kMaxDirectoryContacts = 20;

// Empty strings mean "not given" for the optional text fields.
struct Organization {
  std::string id;
  std::string name;
  std::string acronym;
  std::string country;
  std::string city;
  OrganizationKind kind = OrganizationKind::kMemberCso;
  std::vector<std::string> target_groups;
  std::string email;
  std::string website;
  std::string registration_number;
  LocalizedText description;  // empty: none
  std::string address;
  std::string phone;
  std::string logo_url;                    // https only
  std::vector<DirectoryContact> contacts;  // read-only
  OrganizationStatus status = OrganizationStatus::kActive;
  std::string status_note;
  std::optional<Time> status_changed_at;
  std::string joined_at;  // YYYY-MM-DD; empty for applicants
  int64_t version = 1;
  Time created_at;
  Time updated_at;
};

// The fields a client writes, each set only when the client sent it. A sent empty value clears
// an optional field (and fails validation for a required one).
struct OrganizationPatch {
  std::optional<std::string> name, acronym, country, city;
  std::optional<OrganizationKind> kind;  // sent but unknown words never get here (422 earlier)
  bool kind_sent = false;                // sent as null/empty: "kind is required"
  std::optional<std::vector<std::string>> target_groups;
  std::optional<std::string> email, website, registration_number;
  std::optional<LocalizedText> description;  // an empty map clears it
  std::optional<std::string> address, phone, logo_url;
  // Names of fields the client sent that it may never write (status, version, ...).
  std::vector<std::string> read_only_sent;
  // Names that are no field of an organisation at all.
  std::vector<std::string> unknown_sent;
};

// Fields the server owns; a client naming one gets 422 on that field.
bool IsReadOnlyField(std::string_view field);
// Fields a client may write.
bool IsWritableField(std::string_view field);

// What the data knows: the seven countries, the target-group codes and the languages (keys of
// the localized description).
struct ReferenceCodes {
  std::set<std::string> countries = {};
  std::set<std::string> target_groups = {};
  std::set<std::string> languages = {};
};

// The groups an organisation or one of its social services serves.
inline constexpr CodeList kTargetGroupList{"target_groups", "target group", "GET /v1/target-groups",
                                           kMaxTargetGroups};

// Applies the patch to `org` and returns every problem at once (read-only fields sent,
// required fields missing, lengths, shapes, unknown codes). Names of changed fields go to
// *changed (for the audit log), in field order.
std::vector<InvalidField> Apply(const OrganizationPatch& patch, const ReferenceCodes& refs,
                                Organization* org, std::vector<std::string>* changed);

// Membership lifecycle.
enum class Verb { kApprove, kSuspend, kReinstate, kWithdraw };
std::string_view VerbWord(Verb v);  // "suspend", ...
// The status the verb leads to from `from`, or nullopt when the verb is not allowed there:
// applicant->active (approve), active->suspended, suspended->active (reinstate),
// active|suspended->withdrawn.
std::optional<OrganizationStatus> Transition(OrganizationStatus from, Verb verb);
bool NoteRequired(Verb v);  // suspend and withdraw say why

// Who is asking is the identity::Caller the gateway authenticated.
// Everyone sees active organisations (the public directory); staff of the organisation's
// country and the organisation's own members see it in any status.
bool CanSee(const identity::Caller& p, const Organization& org);
// Register, run the lifecycle: network admins anywhere, coordinators in their country.
bool CanManage(const identity::Caller& p, const Organization& org);
bool CanCreateIn(const identity::Caller& p, std::string_view country);
// Edit the profile: managers, and members of the organisation itself.
bool CanEdit(const identity::Caller& p, const Organization& org);
// Fields a member may not change on its own organisation: country moves it to another
// coordinator's jurisdiction and kind decides what it is in the network, both staff decisions.
bool MemberMayChange(std::string_view field);

// Splits a search query into distinct words (whitespace-separated), longest first so the
// most selective one leads the index lookup; at most kMaxSearchWords.
inline constexpr size_t kMaxSearchWords = 8;
std::vector<std::string> SearchWords(std::string_view q);

}  // namespace iris::membership::domain
