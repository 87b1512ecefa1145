#include "services/notifications/domain/topics.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace iris::notifications::domain {
namespace {

using A = Audience;

// Sorted by topic (FindTopic searches it). Audiences follow what each resource's owner shows:
// what anonymous callers may read is public; a draft or an organisation's own paperwork is not.
constexpr auto kTopics = std::to_array<TopicInfo>({
    {"documents.campaign.created", "A campaign was created", A::kPublic},
    {"documents.campaign.updated", "A campaign changed", A::kPublic},
    {"documents.demo.loaded", "Demo data was loaded", A::kInternal, false},
    {"documents.document.archived", "A published document was archived", A::kPublic},
    {"documents.document.created", "A document draft was started", A::kOrganization},
    {"documents.document.published", "A document was published", A::kPublic},
    {"documents.document.submitted", "A document was submitted for review", A::kOrganization},
    {"documents.document.updated", "A document changed", A::kOrganization},
    {"documents.file.uploaded", "A file was uploaded into a document's version", A::kOrganization},
    {"documents.version.created", "A document has a new version", A::kOrganization},
    {"events.demo.loaded", "Demo data was loaded", A::kInternal, false},
    {"events.event.cancelled", "A published event was cancelled", A::kPublic},
    {"events.event.completed", "An event took place", A::kPublic},
    {"events.event.created", "An event draft was created", A::kStaff},
    {"events.event.published", "An event was published", A::kPublic},
    {"events.event.updated", "An event changed", A::kStaff},
    {"events.placement.created", "A traineeship or mentoring placement was created",
     A::kOrganization},
    {"events.placement.session_logged", "A mentoring session was logged", A::kOrganization},
    {"events.placement.updated", "A placement changed", A::kOrganization},
    {"events.programme.created", "A traineeship or mentoring programme was created", A::kStaff},
    {"events.registration.attended", "A participant's attendance was recorded", A::kOrganization},
    {"events.registration.cancelled", "A registration was cancelled", A::kOrganization},
    {"events.registration.certified", "A participant earned a certificate", A::kOrganization},
    {"events.registration.closing", "Registration for an event closes soon", A::kPublic, false},
    {"events.registration.confirmed", "A registration was confirmed", A::kOrganization},
    {"events.registration.created", "Someone registered for an event", A::kOrganization},
    {"events.registration.rejected", "A registration was not selected", A::kOrganization},
    {"events.registration.selected", "A registration was selected", A::kOrganization},
    {"events.registration.waitlisted", "A registration is on the waiting list", A::kOrganization},
    {"events.session.created", "An agenda session was added to an event", A::kStaff},
    {"grants.application.awarded", "A grant application was awarded", A::kOrganization},
    {"grants.application.created", "A grant application was started", A::kOrganization},
    {"grants.application.rejected", "A grant application was rejected", A::kOrganization},
    {"grants.application.submitted", "A grant application was submitted", A::kOrganization},
    {"grants.application.under_review", "A grant application is under review", A::kOrganization},
    {"grants.application.updated", "A grant application draft changed", A::kOrganization},
    {"grants.application.withdrawn", "A grant application was withdrawn", A::kOrganization},
    {"grants.call.archived", "A grant call was archived", A::kPublic},
    {"grants.call.closed", "A grant call closed", A::kPublic},
    {"grants.call.closing", "A grant call closes soon", A::kPublic, false},
    {"grants.call.created", "A grant call draft was created", A::kStaff},
    {"grants.call.finalized", "A grant call's decisions are final", A::kPublic},
    {"grants.call.opened", "A grant call opened for applications", A::kPublic},
    {"grants.call.updated", "A grant call changed", A::kStaff},
    {"grants.demo.loaded", "Demo data was loaded", A::kInternal, false},
    {"grants.grant.awarded", "A grant was awarded", A::kPublic},
    {"grants.report.accepted", "A grant report was accepted", A::kOrganization},
    {"grants.report.returned", "A grant report was returned for changes", A::kOrganization},
    {"grants.report.submitted", "A grant report was submitted", A::kOrganization},
    {"grants.report.updated", "A returned grant report changed", A::kOrganization},
    {"grants.review.submitted", "A review of a grant application was submitted", A::kStaff},
    {"grants.reviewer.assigned", "A reviewer was assigned to a grant application", A::kStaff, true,
     "organization_id", "reviewer_id"},
    {"grants.tranche.cancelled", "A grant tranche was cancelled", A::kOrganization},
    {"grants.tranche.created", "A grant tranche was planned", A::kOrganization},
    {"grants.tranche.paid", "A grant tranche was paid", A::kOrganization},
    {"membership.api_key.created", "An API key was created", A::kInternal, false},
    {"membership.api_key.revoked", "An API key was revoked", A::kInternal, false},
    {"membership.application.approved", "A membership application was approved", A::kPublic},
    {"membership.application.rejected", "A membership application was rejected", A::kStaff},
    {"membership.application.submitted", "An organisation applied for membership", A::kStaff},
    {"membership.demo.loaded", "Demo data was loaded", A::kInternal, false},
    {"membership.organization.approved", "An applicant organisation was approved", A::kPublic, true,
     ""},
    {"membership.organization.created", "An organisation joined the network", A::kPublic, true, ""},
    {"membership.organization.reinstated", "A suspended organisation was reinstated",
     A::kOrganization, true, ""},
    {"membership.organization.suspended", "An organisation was suspended", A::kOrganization, true,
     ""},
    {"membership.organization.updated", "An organisation's profile changed", A::kPublic, true, ""},
    {"membership.organization.withdrawn", "An organisation left the network", A::kPublic, true, ""},
    {"membership.person.created", "A person was added to an organisation", A::kOrganization},
    {"membership.person.deleted", "A person was erased (a tombstone)", A::kOrganization},
    {"membership.person.updated", "A person's record changed", A::kOrganization},
    {"membership.service.created", "An organisation added a social service", A::kPublic},
    {"membership.service.deleted", "A social service was removed", A::kPublic},
    {"membership.service.updated", "A social service changed", A::kPublic},
    {"membership.user.created", "An account was created", A::kInternal, false},
    {"membership.user.disabled", "An account was disabled", A::kInternal, false},
    {"membership.user.enabled", "An account was enabled", A::kInternal, false},
    {"membership.user.password_changed", "An account's password changed", A::kInternal, false},
    {"notifications.inbox.read", "An inbox item was read", A::kInternal, false},
    {"notifications.subscriptions.updated", "A person chose its subscriptions", A::kInternal,
     false},
    {"notifications.webhook.created", "A webhook endpoint was created", A::kInternal, false},
    {"notifications.webhook.deleted", "A webhook endpoint was deleted", A::kInternal, false},
    {"notifications.webhook.replayed", "Failed webhook deliveries were replayed", A::kInternal,
     false},
    {"notifications.webhook.secret_rotated", "A webhook secret was rotated", A::kInternal, false},
    {"notifications.webhook.updated", "A webhook endpoint was changed", A::kInternal, false},
    {"notifications.webhook_delivery.retried", "A webhook delivery was sent again", A::kInternal,
     false},
});

bool ValidPattern(std::string_view p) {
  if (p == "*") return true;
  std::string_view body = p;
  if (p.ends_with(".*")) body = p.substr(0, p.size() - 2);
  if (body.empty() || body.size() > 200) return false;
  bool segment_start = true;
  for (char c : body) {
    if (c == '.') {
      if (segment_start) return false;
      segment_start = true;
    } else if ((c >= 'a' && c <= 'z') || c == '_') {
      segment_start = false;
    } else {
      return false;
    }
  }
  return !segment_start;
}

}  // namespace

std::string_view AudienceWord(Audience a) {
  switch (a) {
    case Audience::kPublic: return "public";
    case Audience::kOrganization: return "organization";
    case Audience::kStaff: return "staff";
    case Audience::kInternal: return "internal";
  }
  return "internal";
}

std::span<const TopicInfo> Topics() { return kTopics; }

std::optional<TopicInfo> FindTopic(std::string_view type) {
  auto it = std::lower_bound(kTopics.begin(), kTopics.end(), type,
                             [](const TopicInfo& t, std::string_view v) { return t.topic < v; });
  if (it == kTopics.end() || it->topic != type) return std::nullopt;
  return *it;
}

bool TopicMatches(std::string_view pattern, std::string_view type) {
  if (pattern == "*") return true;
  if (pattern.ends_with(".*")) {
    // "events.*" matches "events.event.published", not "eventsx.a" nor "events" itself.
    return type.starts_with(pattern.substr(0, pattern.size() - 1));
  }
  return pattern == type;
}

bool AnyTopicMatches(const std::vector<std::string>& patterns, std::string_view type) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& p) { return TopicMatches(p, type); });
}

std::vector<std::string> CheckTopicPatterns(std::string_view field,
                                            const std::vector<std::string>& patterns,
                                            std::vector<values::InvalidField>* problems) {
  std::vector<std::string> kept;
  if (patterns.size() > kMaxTopicPatterns) {
    problems->push_back(
        {std::string(field), "at most " + std::to_string(kMaxTopicPatterns) + " topics"});
    return kept;
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < patterns.size(); ++i) {
    const std::string& p = patterns[i];
    const std::string name = std::string(field) + "[" + std::to_string(i) + "]";
    if (!ValidPattern(p)) {
      problems->push_back({name, "a topic (GET /v1/topics), \"*\" or a prefix ending in \".*\""});
      continue;
    }
    const bool known = std::any_of(kTopics.begin(), kTopics.end(), [&](const TopicInfo& t) {
      return t.audience != Audience::kInternal && TopicMatches(p, t.topic);
    });
    if (!known) {
      problems->push_back({name, "unknown topic (GET /v1/topics lists them)"});
      continue;
    }
    if (seen.insert(p).second) kept.push_back(p);
  }
  return kept;
}

}  // namespace iris::notifications::domain
