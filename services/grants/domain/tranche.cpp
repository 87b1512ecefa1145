#include "services/grants/domain/tranche.hpp"

#include <algorithm>
#include <array>

namespace iris::grants::domain {
namespace {

constexpr std::array<std::string_view, 9> kReadOnly{"id",      "grant_id",    "status",
                                                    "paid_on", "status_note", "status_changed_at",
                                                    "version", "created_at",  "updated_at"};

}  // namespace

std::string_view ReportKindWord(ReportKind k) {
  return k == ReportKind::kFinal ? "final" : "interim";
}

std::optional<ReportKind> ParseReportKind(std::string_view word) {
  if (word == "interim") return ReportKind::kInterim;
  if (word == "final") return ReportKind::kFinal;
  return std::nullopt;
}

std::string_view TrancheStatusWord(TrancheStatus s) {
  switch (s) {
    case TrancheStatus::kPlanned: return "planned";
    case TrancheStatus::kPaid: return "paid";
    case TrancheStatus::kCancelled: return "cancelled";
  }
  return "planned";
}

std::optional<TrancheStatus> ParseTrancheStatus(std::string_view word) {
  for (auto s : {TrancheStatus::kPlanned, TrancheStatus::kPaid, TrancheStatus::kCancelled}) {
    if (TrancheStatusWord(s) == word) return s;
  }
  return std::nullopt;
}

bool IsReadOnlyTrancheField(std::string_view field) {
  return std::find(kReadOnly.begin(), kReadOnly.end(), field) != kReadOnly.end();
}

std::vector<InvalidField> CheckTranche(const TrancheInput& in, std::string_view currency,
                                       Tranche* out) {
  std::vector<InvalidField> problems;
  for (const auto& f : in.read_only_sent)
    problems.push_back({f, "is read-only; the server sets it"});
  for (const auto& f : in.unknown_sent) problems.push_back({f, "is not a field of a tranche"});
  if (!in.amount) {
    problems.push_back({"amount", "is required"});
  } else {
    CheckAwardMoney("amount", *in.amount, currency, 1, &problems);
    out->amount = *in.amount;
  }
  if (auto due = RequiredAwardDate("due_on", in.due_on, &problems)) out->due_on = *due;
  out->requires_report = in.requires_report;
  out->status = TrancheStatus::kPlanned;
  return problems;
}

bool CanMove(TrancheStatus from, TrancheStatus to) {
  return from == TrancheStatus::kPlanned &&
         (to == TrancheStatus::kPaid || to == TrancheStatus::kCancelled);
}

}  // namespace iris::grants::domain
