// The grantee's reports on a grant (issue 15 item 5): interim or final, a narrative and the
// amount spent; submitted -> accepted | returned, and a returned report is changed and
// submitted again. Pure rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/grants/domain/tranche.hpp"

namespace iris::grants::domain {

inline constexpr size_t kMaxNarrative = 20000;
inline constexpr size_t kMaxReportNote = 2000;

enum class ReportStatus { kSubmitted, kAccepted, kReturned };
std::string_view ReportStatusWord(ReportStatus s);
std::optional<ReportStatus> ParseReportStatus(std::string_view word);

struct Report {
  std::string id;
  std::string grant_id;
  ReportKind kind = ReportKind::kInterim;
  std::string narrative;
  Money spent;
  ReportStatus status = ReportStatus::kSubmitted;
  std::string status_note;
  std::optional<Time> status_changed_at;
  Time submitted_at;
  int64_t version = 1;
  Time created_at;
  Time updated_at;
};

// What the grantee sends; a field not sent is nullopt (kind_sent with no kind: sent empty).
struct ReportInput {
  bool kind_sent = false;
  std::optional<ReportKind> kind;
  std::optional<std::string> narrative;
  std::optional<Money> spent;
  std::vector<std::string> read_only_sent;
  std::vector<std::string> unknown_sent;
};

bool IsReadOnlyReportField(std::string_view field);

// A new report: kind, narrative (1..20000 characters, trimmed) and spent >= 0 in `currency`,
// all required. Every problem at once.
std::vector<InvalidField> CheckNewReport(const ReportInput& in, std::string_view currency,
                                         Report* out);

// A PATCH of a returned report: the fields sent, by the same rules; `changed` names them.
std::vector<InvalidField> ApplyReportPatch(const ReportInput& in, std::string_view currency,
                                           Report* r, std::vector<std::string>* changed);

// submitted -> accepted | returned; returned -> submitted (resubmission).
bool CanMove(ReportStatus from, ReportStatus to);

}  // namespace iris::grants::domain
