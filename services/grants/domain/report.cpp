#include "services/grants/domain/report.hpp"

#include <algorithm>
#include <array>

#include "absl/strings/ascii.h"

namespace iris::grants::domain {
namespace {

constexpr std::array<std::string_view, 9> kReadOnly{
    "id",           "grant_id", "status",     "status_note", "status_changed_at",
    "submitted_at", "version",  "created_at", "updated_at"};

void CheckFields(const ReportInput& in, std::string_view currency, bool all_required, Report* r,
                 std::vector<std::string>* changed, std::vector<InvalidField>* problems) {
  for (const auto& f : in.read_only_sent)
    problems->push_back({f, "is read-only; the server sets it"});
  for (const auto& f : in.unknown_sent) problems->push_back({f, "is not a field of a report"});
  if (in.kind_sent || all_required) {
    if (!in.kind) {
      problems->push_back({"kind", "is required: interim or final"});
    } else {
      r->kind = *in.kind;
      changed->push_back("kind");
    }
  }
  if (in.narrative || all_required) {
    const std::string text(absl::StripAsciiWhitespace(in.narrative.value_or("")));
    if (text.empty()) {
      problems->push_back({"narrative", "is required"});
    } else if (values::CharCount(text) > kMaxNarrative) {
      problems->push_back({"narrative", "must be at most 20000 characters"});
    } else {
      r->narrative = text;
      changed->push_back("narrative");
    }
  }
  if (in.spent || all_required) {
    if (!in.spent) {
      problems->push_back({"spent", "is required"});
    } else {
      CheckAwardMoney("spent", *in.spent, currency, 0, problems);
      r->spent = *in.spent;
      changed->push_back("spent");
    }
  }
}

}  // namespace

std::string_view ReportStatusWord(ReportStatus s) {
  switch (s) {
    case ReportStatus::kSubmitted: return "submitted";
    case ReportStatus::kAccepted: return "accepted";
    case ReportStatus::kReturned: return "returned";
  }
  return "submitted";
}

std::optional<ReportStatus> ParseReportStatus(std::string_view word) {
  for (auto s : {ReportStatus::kSubmitted, ReportStatus::kAccepted, ReportStatus::kReturned}) {
    if (ReportStatusWord(s) == word) return s;
  }
  return std::nullopt;
}

bool IsReadOnlyReportField(std::string_view field) {
  return std::find(kReadOnly.begin(), kReadOnly.end(), field) != kReadOnly.end();
}

std::vector<InvalidField> CheckNewReport(const ReportInput& in, std::string_view currency,
                                         Report* out) {
  std::vector<InvalidField> problems;
  std::vector<std::string> changed;
  CheckFields(in, currency, true, out, &changed, &problems);
  out->status = ReportStatus::kSubmitted;
  return problems;
}

std::vector<InvalidField> ApplyReportPatch(const ReportInput& in, std::string_view currency,
                                           Report* r, std::vector<std::string>* changed) {
  std::vector<InvalidField> problems;
  CheckFields(in, currency, false, r, changed, &problems);
  return problems;
}

bool CanMove(ReportStatus from, ReportStatus to) {
  switch (from) {
    case ReportStatus::kSubmitted:
      return to == ReportStatus::kAccepted || to == ReportStatus::kReturned;
    case ReportStatus::kReturned: return to == ReportStatus::kSubmitted;
    case ReportStatus::kAccepted: return false;
  }
  return false;
}

}  // namespace iris::grants::domain
